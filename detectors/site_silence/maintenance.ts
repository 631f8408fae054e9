/** Planned maintenance windows: silence inside them (plus a grace period) is expected, not an alarm. */
import { configError } from '../../core/errors.js';

export interface MaintenanceWindow {
  /** The whole site, and/or… */
  siteId?: string;
  /** …these cells (`MCC-MNC-LAC-CI`). */
  cells?: readonly string[];
  operator?: string;
  from: string | number;
  to: string | number;
}

interface Parsed {
  siteId: string;
  cells: ReadonlySet<string>;
  fromMs: number;
  toMs: number;
}

export class MaintenanceCalendar {
  private readonly windows: Parsed[] = [];

  add(window: MaintenanceWindow): void {
    const fromMs = typeof window.from === 'number' ? window.from : Date.parse(window.from);
    const toMs = typeof window.to === 'number' ? window.to : Date.parse(window.to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) {
      throw configError('site_silence.maintenance[].from/to', 'two instants with from < to', { from: window.from, to: window.to });
    }
    if ((window.siteId ?? '') === '' && (window.cells ?? []).length === 0) {
      throw configError('site_silence.maintenance[]', 'a siteId or cells', window);
    }
    this.windows.push({ siteId: window.siteId ?? '', cells: new Set(window.cells ?? []), fromMs, toMs });
  }

  /**
   * End of the window covering a unit at `atMs` (extended by `graceMs`), or NaN. A window covers
   * a unit when it names the unit's site, or lists every one of the unit's cells.
   */
  coveredUntil(siteId: string, cells: readonly string[], atMs: number, graceMs: number): number {
    let until = Number.NaN;
    for (const w of this.windows) {
      if (atMs < w.fromMs || atMs >= w.toMs + graceMs) continue;
      const matches = (siteId !== '' && w.siteId === siteId) || (cells.length > 0 && cells.every((c) => w.cells.has(c)));
      if (matches && !(w.toMs <= until)) until = w.toMs;
    }
    return until;
  }
}
