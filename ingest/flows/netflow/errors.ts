import type { FlowRejectReason } from '../batch.js';

/** Thrown inside datagram decoding; the collector counts `reason` and drops the datagram. */
export class DatagramError extends Error {
  constructor(readonly reason: FlowRejectReason, detail: string) {
    super(`${reason}: ${detail}`);
  }
}
