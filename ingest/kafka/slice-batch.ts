/** Rows [from, to) of a CdrBatch as a batch of its own (typed columns are views, not copies). */
import type { CdrBatch } from '../../core/cdr.js';

export function sliceCdrBatch(batch: CdrBatch, from: number, to: number): CdrBatch {
  return {
    length: to - from,
    startMs: batch.startMs.subarray(from, to),
    event: batch.event.subarray(from, to),
    direction: batch.direction.subarray(from, to),
    answered: batch.answered.subarray(from, to),
    durationS: batch.durationS.subarray(from, to),
    ringS: batch.ringS.subarray(from, to),
    bytes: batch.bytes.subarray(from, to),
    trunkIn: batch.trunkIn.subarray(from, to),
    operatorId: batch.operatorId.subarray(from, to),
    imsiId: batch.imsiId.subarray(from, to),
    imeiId: batch.imeiId.subarray(from, to),
    cellId: batch.cellId.subarray(from, to),
    servedMsisdnId: batch.servedMsisdnId.subarray(from, to),
    peerMsisdnId: batch.peerMsisdnId.subarray(from, to),
    recordId: batch.recordId.slice(from, to),
    cause: batch.cause.slice(from, to),
  };
}
