/**
 * The watchlist itself: entries by kind, and per kind a flag per dictionary id so the hot loop
 * asks one typed-array question per record field. New dictionary ids are checked once, as the
 * dictionaries grow.
 */
import type { Dictionaries, Dictionary } from '../../core/dictionary.js';
import { ErrorCodes, TelsentryError } from '../../core/errors.js';
import { grow } from '../../engine/growable.js';

export type WatchKind = 'msisdn' | 'imsi' | 'imei';

export interface WatchlistEntry {
  kind: WatchKind;
  value: string;
}

const FORMAT: Record<WatchKind, RegExp> = {
  msisdn: /^[1-9]\d{5,14}$/, // E.164 digits, no '+'
  imsi: /^\d{14,15}$/,
  imei: /^\d{14,16}$/,
};

export function checkEntry(entry: WatchlistEntry): WatchlistEntry {
  const pattern = FORMAT[entry.kind as WatchKind];
  if (pattern === undefined) {
    throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `watchlist kind must be msisdn, imsi or imei (got ${JSON.stringify(entry.kind)})`);
  }
  const value = String(entry.value).replace(/^\+/, '');
  if (!pattern.test(value)) {
    throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `watchlist ${entry.kind} must match ${pattern.source} (got ${JSON.stringify(entry.value)})`);
  }
  return { kind: entry.kind, value };
}

class KindIndex {
  readonly values = new Set<string>();
  flags = new Uint8Array(1024);
  private scanned = 0;

  sync(dictionary: Dictionary): void {
    const size = dictionary.size;
    if (size <= this.scanned) return;
    this.flags = grow(this.flags, size + 1);
    for (let id = this.scanned + 1; id <= size; id++) this.flags[id] = this.values.has(dictionary.value(id)) ? 1 : 0;
    this.scanned = size;
  }

  set(value: string, on: boolean, dictionary: Dictionary | undefined): void {
    if (on) this.values.add(value);
    else this.values.delete(value);
    const id = dictionary?.lookup(value) ?? 0;
    if (id !== 0 && id <= this.scanned) this.flags[id] = on ? 1 : 0;
  }

  has(id: number): boolean {
    return id !== 0 && this.flags[id] === 1;
  }
}

export class Watchlist {
  readonly byKind: Record<WatchKind, KindIndex> = { msisdn: new KindIndex(), imsi: new KindIndex(), imei: new KindIndex() };
  private dictionaries: Dictionaries | undefined;

  add(entry: WatchlistEntry): void {
    const e = checkEntry(entry);
    this.byKind[e.kind].set(e.value, true, this.dictionaries?.[e.kind]);
  }

  remove(entry: WatchlistEntry): boolean {
    const e = checkEntry(entry);
    const had = this.byKind[e.kind].values.has(e.value);
    this.byKind[e.kind].set(e.value, false, this.dictionaries?.[e.kind]);
    return had;
  }

  entries(): WatchlistEntry[] {
    const out: WatchlistEntry[] = [];
    for (const kind of ['msisdn', 'imsi', 'imei'] as const) for (const value of [...this.byKind[kind].values].sort()) out.push({ kind, value });
    return out;
  }

  /** Brings the id flags up to date with the dictionaries (call before scanning a batch). */
  sync(dictionaries: Dictionaries): void {
    this.dictionaries = dictionaries;
    this.byKind.msisdn.sync(dictionaries.msisdn);
    this.byKind.imsi.sync(dictionaries.imsi);
    this.byKind.imei.sync(dictionaries.imei);
  }

  get size(): number {
    return this.byKind.msisdn.values.size + this.byKind.imsi.values.size + this.byKind.imei.values.size;
  }
}
