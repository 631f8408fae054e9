/** Shared pieces of the API's CLI commands: connection flags, errors, tables, JSON. */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { ApiClient, type ClientOptions } from '../client.js';
import { plainOfStruct } from '../convert.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Exit codes: 0 ok, 1 the server refused or failed, 2 bad usage (or INVALID_ARGUMENT). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const CONNECTION_HELP = `connection:
  --server HOST:PORT   API address (env TELSENTRY_SERVER, default 127.0.0.1:50051)
  --token TOKEN        bearer token (env TELSENTRY_TOKEN); --token-file FILE reads it from a file
  --ca FILE            CA certificate of the server (enables TLS); --cert FILE --key FILE for mTLS
  --timeout-ms N       deadline per call (default 30000)
  --json               machine-readable output (one JSON document, or one per line for watch)
`;

export const CONNECTION_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export class UsageError extends Error {}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...CONNECTION_OPTIONS, ...options }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function clientOf(values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ApiClient {
  const tokenFile = values['token-file'] as string | undefined;
  const token = (values.token as string | undefined) ?? (tokenFile ? readFileSync(tokenFile, 'utf8').trim() : undefined) ?? env.TELSENTRY_TOKEN;
  const timeout = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout <= 0)) throw new UsageError(`--timeout-ms must be a positive integer (got ${String(values['timeout-ms'])})`);
  const options: ClientOptions = { address: (values.server as string | undefined) ?? env.TELSENTRY_SERVER ?? '127.0.0.1:50051' };
  if (token !== undefined && token !== '') options.token = token;
  if (values.ca !== undefined) options.caPath = values.ca as string;
  if (values.cert !== undefined) options.certPath = values.cert as string;
  if (values.key !== undefined) options.keyPath = values.key as string;
  if (timeout !== undefined) options.timeoutMs = timeout;
  return new ApiClient(options);
}

/** Runs a command body; turns usage errors and gRPC statuses into a message and an exit code. */
export async function runCommand(name: string, io: Io, help: string, argv: string[], body: () => Promise<number>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(help);
    return EXIT_OK;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`telsentry ${name}: ${error.message}\nRun "telsentry ${name} --help".\n`);
      return EXIT_USAGE;
    }
    const status = (error as grpc.ServiceError).code;
    if (typeof status === 'number') {
      io.err(`telsentry ${name}: ${grpc.status[status] ?? status}: ${(error as grpc.ServiceError).details}\n`);
      return status === grpc.status.INVALID_ARGUMENT ? EXIT_USAGE : EXIT_FAILED;
    }
    io.err(`telsentry ${name}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}

/** Fixed-width text table; cells are cut at 40 characters so a row stays on one line. */
export function table(headers: string[], rows: string[][]): string {
  const cut = (cell: string): string => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell);
  const cells = rows.map((row) => row.map(cut));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** `FINDING_TYPE_SIMBOX` → `simbox` for display. */
export function enumLabel(value: unknown, prefix: string): string {
  const text = String(value ?? '');
  return text.startsWith(`${prefix}_`) ? text.slice(prefix.length + 1).toLowerCase() : text;
}

export function isoOf(timestamp: unknown): string {
  const ts = timestamp as { seconds?: string; nanos?: number } | null;
  if (ts === null || ts === undefined || ts.seconds === undefined) return '';
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

/** A Finding message back in Contract 3 shape (for --json). */
export function contractFinding(message: Record<string, unknown>): Record<string, unknown> {
  const subject = message.subject as { kind?: string; value?: string } | null;
  return {
    id: message.id,
    type: enumLabel(message.type, 'FINDING_TYPE'),
    severity: enumLabel(message.severity, 'SEVERITY'),
    score: message.score,
    subject: { kind: enumLabel(subject?.kind, 'SUBJECT_KIND'), value: subject?.value ?? '' },
    related: ((message.related as { kind?: string; value?: string }[]) ?? []).map((r) => ({ kind: enumLabel(r.kind, 'SUBJECT_KIND'), value: r.value ?? '' })),
    operator: message.operator, province: message.province, district: message.district,
    first_event_at: isoOf(message.first_event_at), detected_at: isoOf(message.detected_at),
    evidence: plainOfStruct(message.evidence as { fields?: Record<string, unknown> }),
    detector: message.detector,
    status: enumLabel(message.status, 'FINDING_STATUS'),
    status_by: message.status_by, status_reason: message.status_reason,
  };
}

export function findingRows(findings: Record<string, unknown>[]): string {
  return table(['detected_at', 'type', 'severity', 'score', 'subject', 'operator', 'province', 'status', 'id'], findings.map((message) => {
    const f = contractFinding(message);
    const subject = f.subject as { kind: string; value: string };
    return [String(f.detected_at), String(f.type), String(f.severity), Number(f.score).toFixed(2), `${subject.kind}:${subject.value}`,
      String(f.operator), String(f.province), String(f.status), String(f.id)];
  }));
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
