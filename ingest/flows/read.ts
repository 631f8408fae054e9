/**
 * readFlows: goflow2 JSON lines or binary (varint-delimited protobuf) from a file, a
 * gzip-compressed file (`.gz`) or stdin (`-`), as FlowBatches.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ErrorCodes, TelsentryError } from '../../core/errors.js';
import { countReject, createFlowDictionaries, type FlowBatch, type FlowDictionaries, type RejectCounts } from './batch.js';
import { ExporterMap, type ExporterConfig } from './exporters.js';
import { GoflowJsonDecoder } from './goflow-json.js';
import { GoflowProtobufDecoder } from './goflow-pb.js';
import { DEFAULT_BATCH_CAPACITY, FlowBatchWriter } from './writer.js';

export type FlowFileFormat = 'json' | 'protobuf';

export interface ReadFlowsOptions {
  /** Default: from the extension (.json/.jsonl/.ndjson vs .pb/.bin), else sniffed from the first byte. */
  format?: FlowFileFormat;
  exporters?: readonly ExporterConfig[];
  /** Share with the engine so ids mean the same everywhere. */
  dictionaries?: FlowDictionaries;
  /** Filled with rejected-flow counts by reason. */
  rejects?: RejectCounts;
  batchSize?: number;
  /** For tests: read from this stream instead of opening `path`. */
  input?: Readable;
}

export async function* readFlows(path: string, opts: ReadFlowsOptions = {}): AsyncIterable<FlowBatch> {
  const dictionaries = opts.dictionaries ?? createFlowDictionaries();
  const rejects = opts.rejects ?? {};
  const exporters = new ExporterMap(opts.exporters ?? [], dictionaries);
  const ready: FlowBatch[] = [];
  const writer = new FlowBatchWriter(exporters, dictionaries, (b) => ready.push(b), opts.batchSize ?? DEFAULT_BATCH_CAPACITY);
  const stream = openInput(path, opts.input);
  const format = opts.format ?? formatFromName(path);
  let decodeChunk: ((chunk: Buffer) => void) | null = null;
  let finish: () => void = () => undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (decodeChunk === null) {
        const chosen = format ?? (chunk[0] === 0x7b /* { */ ? 'json' : 'protobuf');
        [decodeChunk, finish] = chosen === 'json' ? jsonLines(new GoflowJsonDecoder(writer, rejects)) : delimited(new GoflowProtobufDecoder(writer, rejects), rejects);
      }
      decodeChunk(chunk);
      while (ready.length > 0) yield ready.shift()!;
    }
  } catch (cause) {
    if (cause instanceof TelsentryError) throw cause;
    throw new TelsentryError(ErrorCodes.INPUT_UNREADABLE, `cannot read flows from ${path}: ${(cause as Error).message}`, { cause });
  }
  finish();
  writer.flush();
  while (ready.length > 0) yield ready.shift()!;
}

function openInput(path: string, input: Readable | undefined): Readable {
  const raw = input ?? (path === '-' ? process.stdin : createReadStream(path));
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

function formatFromName(path: string): FlowFileFormat | undefined {
  const name = path.replace(/\.gz$/, '');
  if (/\.(json|jsonl|ndjson)$/.test(name)) return 'json';
  if (/\.(pb|bin|protobuf)$/.test(name)) return 'protobuf';
  return undefined;
}

function jsonLines(decoder: GoflowJsonDecoder): [(chunk: Buffer) => void, () => void] {
  let carry = '';
  const utf8 = new StringDecoder('utf8'); // a chunk may end inside a multi-byte character
  const decodeText = (text: string): void => {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const line = text.slice(from, nl).trim();
      if (line !== '') decoder.decodeLine(line);
      from = nl + 1;
    }
    carry = text.slice(from);
  };
  return [
    (chunk) => decodeText(carry + utf8.write(chunk)),
    () => {
      const last = (carry + utf8.end()).trim();
      if (last !== '') decoder.decodeLine(last);
      carry = '';
    },
  ];
}

function delimited(decoder: GoflowProtobufDecoder, rejects: RejectCounts): [(chunk: Buffer) => void, () => void] {
  let carry: Buffer = Buffer.alloc(0);
  let corrupt = false;
  return [
    (chunk) => {
      if (corrupt) return;
      const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const used = decoder.decodeDelimited(buf);
      if (used < 0) {
        corrupt = true; // counted as bad_protobuf by the decoder; nothing after it can be framed
        return;
      }
      carry = buf.subarray(used);
    },
    () => {
      if (!corrupt && carry.length > 0) countReject(rejects, 'truncated_frame');
    },
  ];
}
