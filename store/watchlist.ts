/** The watchlist in DuckDB: numbers, IMSIs and IMEIs under watch for a case. The engine's detector reads `list()`. */
import type { Store } from './store.js';

export interface WatchlistEntry {
  kind: string;
  value: string;
  reason: string;
  caseReference: string;
  addedBy: string;
  addedMs: number;
}

function entryFromRow(row: Record<string, unknown>): WatchlistEntry {
  return {
    kind: String(row.kind), value: String(row.value), reason: String(row.reason),
    caseReference: String(row.case_reference), addedBy: String(row.added_by), addedMs: Number(row.added_ms),
  };
}

export class Watchlist {
  constructor(private readonly store: Store) {}

  /** Adds or replaces; `created` is false when the subject was already listed. */
  async add(entry: Omit<WatchlistEntry, 'addedMs'>): Promise<{ entry: WatchlistEntry; created: boolean }> {
    const stored: WatchlistEntry = { ...entry, addedMs: Date.now() };
    const created = await this.store.write(async (connection) => {
      const existing = await connection.runAndReadAll(this.sqlOf('watchlist_get'), { kind: entry.kind, value: entry.value });
      await connection.run(this.sqlOf('watchlist_upsert'), {
        kind: entry.kind, value: entry.value, reason: entry.reason, case_reference: entry.caseReference,
        added_by: entry.addedBy, added_ms: BigInt(stored.addedMs),
      });
      return existing.currentRowCount === 0;
    });
    return { entry: stored, created };
  }

  async remove(kind: string, value: string): Promise<boolean> {
    return this.store.write(async (connection) => {
      const reader = await connection.runAndReadAll(this.sqlOf('watchlist_delete'), { kind, value });
      return reader.currentRowCount > 0;
    });
  }

  async list(caseReference?: string): Promise<WatchlistEntry[]> {
    const rows = await this.store.read('watchlist_list', { case_reference: caseReference === undefined || caseReference === '' ? null : caseReference });
    return rows.map(entryFromRow);
  }

  private sqlOf(name: string): string {
    return this.store.sqlText(name);
  }
}
