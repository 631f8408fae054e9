/** Flow aggregates and detectors over FlowBatches (Contract 2 in, Contract 3 findings out). */
export { FlowEngine, FLOW_ENGINE_DEFAULTS } from './flow-engine.js';
export type { FlowEngineOptions, FlowEngineCounters } from './flow-engine.js';
export type { SitePlace } from './context.js';
