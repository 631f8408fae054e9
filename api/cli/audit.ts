/** `telsentry audit verify`: recompute the audit hash chain, through the API (admin) or on a DuckDB file. */
import { Store, verifyAuditChain } from '../../store/index.js';
import { CONNECTION_HELP, clientOf, EXIT_FAILED, EXIT_OK, json, parse, processIo, runCommand, UsageError, type Io } from './common.js';

export const AUDIT_HELP = `usage: telsentry audit verify [--db FILE] [--json]

Recomputes the hash chain of the audit log and names the first row that does not verify.
Exit 0 when the chain is intact, 1 when it is broken. With --db, reads the DuckDB file
directly (the server must not hold it open); otherwise asks the API (admin role).
${CONNECTION_HELP}`;

export async function runAudit(argv: string[], io: Io = processIo): Promise<number> {
  return runCommand('audit', io, AUDIT_HELP, argv, async () => {
    const { values, positionals } = parse(argv, { db: { type: 'string' } }, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('the only action is "verify"');
    let result: { ok: boolean; rowsChecked: number; firstBadSeq: number; reason: string };
    if (values.db !== undefined) {
      const store = await Store.open(values.db);
      try {
        result = await verifyAuditChain(store);
      } finally {
        await store.close();
      }
    } else {
      const client = clientOf(values);
      try {
        const response = await client.call('AuditService', 'VerifyAuditChain', {});
        result = { ok: Boolean(response.ok), rowsChecked: Number(response.rows_checked), firstBadSeq: Number(response.first_bad_seq), reason: String(response.reason) };
      } finally {
        client.close();
      }
    }
    if (values.json) io.out(json(result));
    else if (result.ok) io.out(`audit chain intact: ${result.rowsChecked} rows verified\n`);
    else io.out(`audit chain BROKEN at row seq ${result.firstBadSeq}: ${result.reason} (${result.rowsChecked} rows verified before it)\n`);
    return result.ok ? EXIT_OK : EXIT_FAILED;
  });
}
