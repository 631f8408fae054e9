/** `telsentry watch`: findings as they are raised, until interrupted (or --count findings). */
import { CONNECTION_HELP, clientOf, contractFinding, EXIT_FAILED, EXIT_OK, parse, processIo, runCommand, UsageError, type Io } from './common.js';
import { FILTER_HELP, FILTER_OPTIONS, filterMessage } from './filterFlags.js';

export const WATCH_HELP = `usage: telsentry watch [filters] [--count N] [--json]

Live findings: one line each (one JSON object per line with --json). Stops after --count
findings, on Ctrl-C, or when the server ends the stream.
${FILTER_HELP}${CONNECTION_HELP}`;

export async function runWatch(argv: string[], io: Io = processIo, signal?: AbortSignal): Promise<number> {
  return runCommand('watch', io, WATCH_HELP, argv, async () => {
    const { values } = parse(argv, { ...FILTER_OPTIONS, count: { type: 'string' } });
    const count = values.count === undefined ? Infinity : Number(values.count);
    if (!(count === Infinity || (Number.isInteger(count) && count > 0))) throw new UsageError(`--count must be a positive integer (got ${values.count})`);
    const client = clientOf(values);
    const stream = client.watch({ filter: filterMessage(values) });
    let seen = 0;
    return new Promise<number>((resolve) => {
      const finish = (code: number): void => {
        stream.cancel();
        client.close();
        resolve(code);
      };
      signal?.addEventListener('abort', () => finish(EXIT_OK));
      stream.on('data', (message: Record<string, unknown>) => {
        const finding = contractFinding(message.finding as Record<string, unknown>);
        const skipped = Number(message.skipped_before ?? 0);
        if (skipped > 0) io.err(`(${skipped} findings skipped: this client was too slow)\n`);
        if (values.json) io.out(`${JSON.stringify(finding)}\n`);
        else {
          const subject = finding.subject as { kind: string; value: string };
          io.out(`${String(finding.detected_at)}  ${String(finding.severity).padEnd(8)} ${String(finding.type).padEnd(13)} ${subject.kind}:${subject.value}  ${String(finding.operator)}  ${String(finding.province)}  score ${Number(finding.score).toFixed(2)}  ${String(finding.id)}\n`);
        }
        seen += 1;
        if (seen >= count) finish(EXIT_OK);
      });
      stream.on('error', (error: Error & { code?: number; details?: string }) => {
        if (error.code === 1) return; // CANCELLED: we ended it
        io.err(`telsentry watch: ${error.details ?? error.message}\n`);
        client.close();
        resolve(EXIT_FAILED);
      });
      stream.on('end', () => {
        client.close();
        resolve(EXIT_OK);
      });
    });
  });
}
