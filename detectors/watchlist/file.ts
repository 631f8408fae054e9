/**
 * Watchlist file: one entry per line, `kind,value` (kind: msisdn, imsi or imei), an optional
 * `kind,value` header, blank lines and `#` comments ignored. A bad line is an error naming the
 * line, so an investigator's list is never half-loaded in silence.
 */
import { readFileSync } from 'node:fs';
import { ErrorCodes, TelsentryError } from '../../core/errors.js';
import { checkEntry, type WatchKind, type WatchlistEntry } from './entries.js';

export function parseWatchlist(text: string, source = 'watchlist'): WatchlistEntry[] {
  const entries: WatchlistEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#') || (i === 0 && /^kind\s*,\s*value$/i.test(line))) continue;
    const [kind, value, ...rest] = line.split(',').map((part) => part.trim());
    try {
      if (value === undefined || rest.length > 0) throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, 'expected two fields: kind,value');
      entries.push(checkEntry({ kind: kind as WatchKind, value }));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `${source}:${i + 1}: ${why}`, { cause: error });
    }
  }
  return entries;
}

export function readWatchlistFile(path: string): WatchlistEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TelsentryError(ErrorCodes.INPUT_UNREADABLE, `cannot read watchlist ${path}`, { cause: error });
  }
  return parseWatchlist(text, path);
}
