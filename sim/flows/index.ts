/** Flow simulator: seeded goflow2 JSON lines with injected anomalies and a truth file; pcap writer for real exporters. */
export { simulateFlows, writeSimulatedFlows, SIMULATE_FLOWS_DEFAULTS } from './simulate.js';
export type { SimulateFlowsOptions, SimulatedFlows, FlowTruth, FlowTruthEntry } from './simulate.js';
export { DEFAULT_SITES, DEFAULT_INJECTIONS } from './scenario.js';
export type { SimSite, Injection } from './scenario.js';
export { writePcap, pcapRecord, pcapHeader, ipBytesOf } from './pcap.js';
export type { SyntheticPacket } from './pcap.js';
