import type { FlowRow } from '../batch.js';

/** Where decoded NetFlow/IPFIX records go: fill `row`, then emit(startMs, endMs). */
export interface FlowSink {
  row: FlowRow;
  emit(startMs: number, endMs: number): void;
}
