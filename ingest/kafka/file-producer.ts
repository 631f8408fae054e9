/**
 * `telsentry simulate --kafka`: Contract 1 files (CSV or JSON Lines, optionally .gz) onto a
 * CDR topic in one of the payload formats, `recordsPerMessage` CDRs per message. Records
 * are keyed by served IMSI (DESIGN.md: per-subscriber state lives in one partition): a
 * batched message only holds records of one partition, chosen as crc32(imsi) mod partitions.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, crc32 } from 'node:zlib';
import type { CdrRecord } from '../../core/cdr.js';
import { partitionCount } from './admin.js';
import { splitCsvRows } from './csv-lines.js';
import type { PayloadFormat } from './formats.js';
import { encodePayload } from './payload-encode.js';
import { KafkaOutput } from './producer.js';

export interface ProduceFilesOptions {
  brokers: string;
  topic: string;
  files: readonly string[];
  format: PayloadFormat;
  /** CDRs per Kafka message (1 for `json`). */
  recordsPerMessage: number;
  clientId?: string;
}

export interface ProduceFilesResult {
  records: number;
  messages: number;
}

const NUMBER_FIELDS: ReadonlySet<string> = new Set(['duration_s', 'ring_s', 'bytes']);

/** A CSV row as a CdrRecord with typed values where the text is a clean number/boolean (else left as text). */
function typedRecord(columns: readonly string[], fields: readonly string[]): CdrRecord {
  const record: Record<string, unknown> = {};
  for (let c = 0; c < columns.length; c++) {
    const name = columns[c]!;
    const text = fields[c] ?? '';
    if (text === '') continue;
    if (NUMBER_FIELDS.has(name) && /^-?\d+(\.\d+)?$/.test(text)) record[name] = Number(text);
    else if (name === 'start_time' && /^\d{10,16}$/.test(text)) record[name] = Number(text);
    else if (name === 'answered' && (text === 'true' || text === 'false')) record[name] = text === 'true';
    else record[name] = text;
  }
  return record as unknown as CdrRecord;
}

/** Contract 1 records of one file, in file order. Lines that are not records are passed on as-is (the consumer rejects them). */
export async function* readCdrFile(path: string): AsyncGenerator<CdrRecord> {
  const raw = createReadStream(path);
  const lines = createInterface({ input: path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  const jsonl = /\.jsonl?(\.gz)?$/.test(path);
  let columns: string[] | null = null;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (jsonl) {
      yield JSON.parse(line) as CdrRecord;
      continue;
    }
    const fields = splitCsvRows(line)[0]?.fields ?? [];
    if (columns === null) {
      columns = fields.map((f) => f.trim());
      continue;
    }
    yield typedRecord(columns, fields);
  }
}

export async function produceFilesToKafka(opts: ProduceFilesOptions): Promise<ProduceFilesResult> {
  const perMessage = opts.format === 'json' ? 1 : opts.recordsPerMessage;
  if (!Number.isInteger(perMessage) || perMessage < 1) throw new RangeError(`recordsPerMessage must be an integer ≥ 1 (got ${opts.recordsPerMessage})`);
  const partitions = await partitionCount(opts.brokers, opts.topic);
  const output = new KafkaOutput({ brokers: opts.brokers, clientId: opts.clientId ?? 'telsentry-simulate' });
  await output.connect();
  const pending: CdrRecord[][] = Array.from({ length: partitions }, () => []);
  const result: ProduceFilesResult = { records: 0, messages: 0 };
  const send = async (partition: number): Promise<void> => {
    const records = pending[partition]!;
    pending[partition] = [];
    const key = records.length === 1 ? records[0]!.imsi : null;
    await output.sendTo(opts.topic, partition, encodePayload(opts.format, records), key);
    result.messages++;
  };
  try {
    for (const file of opts.files) {
      for await (const record of readCdrFile(file)) {
        const partition = crc32(String(record.imsi ?? '')) % partitions;
        pending[partition]!.push(record);
        result.records++;
        if (pending[partition]!.length >= perMessage) await send(partition);
      }
    }
    for (let p = 0; p < partitions; p++) if (pending[p]!.length > 0) await send(p);
    await output.flush();
  } finally {
    await output.close();
  }
  return result;
}
