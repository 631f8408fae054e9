/**
 * Append-only, hash-chained audit log of lookups and exports, in DuckDB.
 * Each row's hash = sha256(prev_hash + "\n" + canonical JSON of its fields), so changing,
 * deleting or reordering any row breaks every hash after it; `verifyAuditChain` names the first.
 * Appends are group-committed: callers awaiting at the same time share one transaction.
 */
import { createHash } from 'node:crypto';
import { listValue } from '@duckdb/node-api';
import { sql } from './sqlFiles.js';
import type { Store } from './store.js';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
/** Rows read per page while verifying: bounds memory on a long log. */
export const VERIFY_PAGE_ROWS = 10_000;

export interface AuditEntry {
  principal: string;
  role: string;
  /** e.g. "SubscriberService.GetProfile", "QueryService.RunQuery" */
  action: string;
  subjectKind: string;
  subjectValue: string;
  caseReference: string;
  /** small JSON-able object: query name and parameters, outcome, row counts */
  detail: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at_ms: number;
  principal: string;
  role: string;
  action: string;
  subject_kind: string;
  subject_value: string;
  case_reference: string;
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  /** seq of the first row that fails, 0 when ok */
  firstBadSeq: number;
  reason: string;
}

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditRowHash(prevHash: string, row: AuditRow): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(row)}`).digest('hex');
}

/** Parameters of queries/audit_append.sql, in audit_log's column order. */
const AUDIT_COLUMNS = ['seq', 'at_ms', 'principal', 'role', 'action', 'subject_kind', 'subject_value', 'case_reference', 'detail', 'prev_hash', 'hash'] as const;

export class AuditLog {
  private head: { seq: number; hash: string } | undefined;
  private pending: { entry: AuditEntry; resolve: (seq: number) => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly store: Store) {}

  /** Resolves with the row's seq once it is committed. */
  append(entry: AuditEntry): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const seqs = await this.commit(batch.map((item) => item.entry));
        batch.forEach((item, i) => item.resolve(seqs[i]!));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }

  private async commit(entries: AuditEntry[]): Promise<number[]> {
    try {
      if (this.head === undefined) {
        // Not a cached statement on a reader: DuckDB 1.5 returns garbage from a prepared ORDER BY … LIMIT
        // first run on an empty table once the table has rows (a fresh store's first append).
        const [last] = await this.store.write(async (connection) => (await connection.runAndReadAll(sql('audit_last'))).getRowObjectsJS());
        this.head = last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(last.seq), hash: String(last.hash) };
      }
      let { seq, hash } = this.head;
      const columns: (string | bigint)[][] = AUDIT_COLUMNS.map(() => []);
      const seqs: number[] = [];
      const atMs = Date.now();
      for (const entry of entries) {
        seq += 1;
        const row: AuditRow = {
          seq, at_ms: atMs, principal: entry.principal, role: entry.role, action: entry.action,
          subject_kind: entry.subjectKind, subject_value: entry.subjectValue, case_reference: entry.caseReference,
          detail: canonicalJson(entry.detail),
        };
        const rowHash = auditRowHash(hash, row);
        const values = [BigInt(seq), BigInt(atMs), row.principal, row.role, row.action, row.subject_kind, row.subject_value,
          row.case_reference, row.detail, hash, rowHash];
        values.forEach((value, column) => columns[column]!.push(value));
        hash = rowHash;
        seqs.push(seq);
      }
      // Only this AuditLog appends, and its batches run one at a time (flush), so the head read above is still the table's newest row.
      await this.store.writeStatement('audit_append', Object.fromEntries(AUDIT_COLUMNS.map((name, column) => [name, listValue(columns[column]!)])));
      this.head = { seq, hash }; // only after the rows are in; a failed write leaves the head where it was
      return seqs;
    } catch (error) {
      this.head = undefined; // re-read from the table next time
      throw error;
    }
  }
}

/** Recomputes the chain from the first row; names the first row whose seq, link or hash is wrong. */
export async function verifyAuditChain(store: Store): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rowsChecked = 0;
  for (;;) {
    const rows = await store.read('audit_page', { after_seq: BigInt(expectedSeq - 1), limit: VERIFY_PAGE_ROWS });
    for (const raw of rows) {
      const row: AuditRow = {
        seq: Number(raw.seq), at_ms: Number(raw.at_ms), principal: String(raw.principal), role: String(raw.role),
        action: String(raw.action), subject_kind: String(raw.subject_kind), subject_value: String(raw.subject_value),
        case_reference: String(raw.case_reference), detail: String(raw.detail),
      };
      const fail = (reason: string): AuditVerification => ({ ok: false, rowsChecked, firstBadSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, rowsChecked, firstBadSeq: expectedSeq, reason: `row seq ${expectedSeq} is missing (next row is seq ${row.seq})` };
      if (String(raw.prev_hash) !== prevHash) return fail(`row seq ${row.seq}: prev_hash does not match the hash of row ${row.seq - 1}`);
      const hash = auditRowHash(prevHash, row);
      if (String(raw.hash) !== hash) return fail(`row seq ${row.seq}: content does not match its hash (row was altered)`);
      prevHash = hash;
      expectedSeq += 1;
      rowsChecked += 1;
    }
    if (rows.length < VERIFY_PAGE_ROWS) break;
  }
  return { ok: true, rowsChecked, firstBadSeq: 0, reason: '' };
}
