/**
 * Flow-engine state in checkpoints: the simulated flows (goflow2 JSON, as a Kafka flow topic
 * carries them) go into engine A up to a cut, A's state is encoded with the engine's state
 * classes through Arrow IPC bytes and restored into a freshly constructed engine B, which reads
 * the rest. The findings (every version, by id) equal those of one uninterrupted engine.
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/finding.js';
import { STATE_CLASSES } from '../../../engine/checkpoint-classes.js';
import { StateCodec, type EncodedState } from '../../../engine/checkpoint-codec.js';
import { FlowEngine } from '../../../engine/flows/flow-engine.js';
import { GoflowPayloadDecoder } from '../../../ingest/flows/goflow-kafka.js';
import { simulateFlows } from '../../../sim/flows/simulate.js';

const LINES_PER_MESSAGE = 500;

function viaIpc(state: EncodedState): EncodedState {
  const tables: Record<string, Table> = {};
  for (const [name, table] of Object.entries(state.tables)) tables[name] = tableFromIPC(tableToIPC(table, 'file'));
  return { tables, meta: JSON.parse(JSON.stringify(state.meta)) };
}

describe('flow engine checkpoint', () => {
  const sim = simulateFlows({ seed: 7, days: 2 });
  const messages: Buffer[] = [];
  let chunk: string[] = [];
  for (const line of sim.lines()) {
    chunk.push(line);
    if (chunk.length === LINES_PER_MESSAGE) {
      messages.push(Buffer.from(chunk.join('\n')));
      chunk = [];
    }
  }
  if (chunk.length > 0) messages.push(Buffer.from(chunk.join('\n')));

  /** A fresh engine with its findings log and a decoder bound to its (possibly restored) dictionaries. */
  function engineWithLog(log: Map<string, string>): { engine: FlowEngine; read: (from: number, to: number) => void } {
    const engine = new FlowEngine({ timeZone: 'Asia/Ho_Chi_Minh' });
    engine.onFinding((f: Finding) => log.set(`${f.id}@${f.detected_at}`, JSON.stringify(f)));
    return {
      engine,
      read: (from, to) => {
        const decoder = new GoflowPayloadDecoder({ format: 'json', exporters: sim.exporters, dictionaries: engine.flowDictionaries, onBatch: (b) => engine.ingest(b) });
        for (let i = from; i < to; i++) {
          decoder.decodePayload(messages[i]!);
          decoder.flush();
        }
      },
    };
  }

  it('restored mid-stream, with panes and episodes open, raises what an uninterrupted engine raises', () => {
    const codec = new StateCodec(STATE_CLASSES);
    const straightLog = new Map<string, string>();
    const straight = engineWithLog(straightLog);
    straight.read(0, messages.length);
    straight.engine.flush();
    expect(new Set([...straightLog.values()].map((f) => (JSON.parse(f) as Finding).type)).size).toBeGreaterThanOrEqual(3);

    for (const cutShare of [0.3, 0.8]) {
      const cut = Math.floor(messages.length * cutShare);
      const log = new Map<string, string>();
      const first = engineWithLog(log);
      first.read(0, cut);
      const saved = viaIpc(codec.encode({ flows: first.engine }, {}));
      const second = engineWithLog(log);
      codec.restore({ flows: second.engine }, {}, saved);
      second.read(cut, messages.length);
      second.engine.flush();
      expect(second.engine.counters, `cut at ${cutShare}`).toEqual(straight.engine.counters);
      expect([...log.keys()].sort(), `cut at ${cutShare}`).toEqual([...straightLog.keys()].sort());
      expect(log, `cut at ${cutShare}`).toEqual(straightLog);
    }
  });
});
