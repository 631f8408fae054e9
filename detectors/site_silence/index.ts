/**
 * site_silence: a cell or site whose records stop — against its own recent level and its
 * time-of-week baseline — the sign of a cut or stolen cable or other damage. Quiet cells (and
 * night) are never judged: they cannot reach the evidence within minutes. A whole operator's
 * feed stopping is a pipeline problem and suppresses every unit of that operator. Planned
 * maintenance windows are honoured. The finding is resolved (evidence.resolved_at) when
 * traffic returns.
 */
import type { Severity } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import { MINUTE_MS } from '../../core/time.js';
import { Counter } from '../../engine/features.js';
import { grow } from '../../engine/growable.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { MaintenanceCalendar, type MaintenanceWindow } from './maintenance.js';
import { SITE_SILENCE_THRESHOLDS, type SiteSilenceThresholds } from './thresholds.js';
import { RECENT_RECORD_IDS, UnitTable } from './units.js';

export interface SiteSilenceOptions {
  maintenance?: readonly MaintenanceWindow[];
  thresholds?: Partial<SiteSilenceThresholds>;
}

export interface SiteSilenceDetector extends Detector {
  addMaintenance(window: MaintenanceWindow): void;
}

interface OpenSilence {
  episodeKey: string;
  lastLiveMinute: number;
  severity: Severity;
  evidence: Record<string, string | number | string[]>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createSiteSilenceDetector(options: SiteSilenceOptions = {}): SiteSilenceDetector {
  const t: SiteSilenceThresholds = { ...SITE_SILENCE_THRESHOLDS, ...options.thresholds };
  if (!(t.maxDetectionMinutes >= t.minSilentMinutes)) throw configError('site_silence.maxDetectionMinutes', `at least minSilentMinutes (${t.minSilentMinutes})`, t.maxDetectionMinutes);
  const minRate = t.evidenceNats / t.maxDetectionMinutes;
  const alpha = 1 - Math.pow(0.5, 1 / t.levelHalfLifeMinutes);
  const fastAlpha = 1 - Math.pow(0.5, 1 / t.fastLevelHalfLifeMinutes);
  const calendar = new MaintenanceCalendar();
  for (const w of options.maintenance ?? []) calendar.add(w);
  const units = new UnitTable();
  let cellUnit = new Int32Array(1024); // cell id → unit + 1
  const siteUnits = new Map<string, number>();
  let opPending = new Uint32Array(16);
  let opLevel = new Float64Array(16);
  let opDown = new Uint8Array(16);
  /**
   * Record ids for evidence, noted lazily: during a pane each unit keeps a chain of its rows
   * (entry = row * 2 + role, role 0 = cell, 1 = site), and only its last few rows' ids go into
   * the unit's ring when the pane ends or a finding reads them. Writing every record's id
   * string into a ring was the detector's largest cost.
   */
  let chainPrev = new Int32Array(2048);
  let chainLast = new Int32Array(64).fill(-1);
  const chained: number[] = [];
  let paneRecordIds: readonly string[] | null = null;
  let lateMinute = new Int32Array(64);
  let lateCount = new Uint32Array(64);
  const open = new Map<number, OpenSilence>();
  let currentMinute = -1;
  /** Last minute a pane with records reached us: minutes after it are not known to be empty yet. */
  let lastPaneMinute = -1;

  function isMachine(ctx: DetectorContext, slot: number): boolean {
    const w = ctx.windows;
    return w.counter(slot, Counter.moVoice, '1h') + w.counter(slot, Counter.moSms, '1h') > t.machineOutgoingPerHour;
  }

  function unitOf(ctx: DetectorContext, cellId: number, operatorId: number, minute: number): number {
    cellUnit = grow(cellUnit, cellId + 1);
    let u = cellUnit[cellId]! - 1;
    if (u >= 0) return u;
    const cell = ctx.dictionaries.cell.value(cellId);
    u = units.add(cell, false, [cell], minute);
    units.operatorId[u] = operatorId;
    cellUnit[cellId] = u + 1;
    const site = ctx.reference.cell(cell)?.siteId ?? '';
    if (site !== '') {
      let s = siteUnits.get(site);
      if (s === undefined) {
        s = units.add(site, true, [], minute);
        units.operatorId[s] = operatorId;
        siteUnits.set(site, s);
      }
      units.cells[s]!.push(cell);
      units.siteUnit[u] = s;
    }
    lateMinute = grow(lateMinute, units.count);
    lateCount = grow(lateCount, units.count);
    return u;
  }

  /** Moves the unit's chained rows of this pane into its ring of recent record ids, oldest first. */
  function flushRecent(u: number): void {
    let e = chainLast[u]!;
    if (e < 0) return;
    const newestFirst: number[] = [];
    for (; e >= 0 && newestFirst.length < RECENT_RECORD_IDS; e = chainPrev[e]!) newestFirst.push(e >> 1);
    for (let k = newestFirst.length - 1; k >= 0; k--) units.noteRecord(u, paneRecordIds![newestFirst[k]!]!);
    chainLast[u] = -1;
  }

  function raise(ctx: DetectorContext, u: number, o: OpenSilence, nowMs: number): void {
    flushRecent(u);
    const cells = [...units.cells[u]!].sort();
    const ref = cells.length > 0 ? ctx.reference.cell(cells[0]!) : undefined;
    ctx.raise({
      type: 'site_silence', severity: o.severity, score: o.severity === 'low' ? 0.5 : 0.9,
      subject: { kind: units.isSite[u] ? 'site' : 'cell', value: units.keys[u]! },
      related: units.isSite[u] ? cells.map((c) => ({ kind: 'cell' as const, value: c })) : [],
      operator: ctx.dictionaries.operator.value(units.operatorId[u]!),
      ...(ref === undefined ? {} : { province: ref.province, district: ref.district }),
      episodeKey: o.episodeKey, firstEventMs: (o.lastLiveMinute + 1) * MINUTE_MS,
      evidence: { ...o.evidence, sample_record_ids: units.recentRecordIds(u) },
    }, nowMs);
  }

  function markLive(ctx: DetectorContext, u: number, minute: number): void {
    if (minute > units.lastLive[u]!) units.lastLive[u] = minute;
    const o = open.get(u);
    if (o === undefined || minute <= o.lastLiveMinute) return;
    o.evidence.resolved_at = iso(minute * MINUTE_MS);
    o.evidence.silent_minutes = minute - o.lastLiveMinute - 1;
    raise(ctx, u, o, (minute + 1) * MINUTE_MS);
    open.delete(u);
  }

  function finalizeMinute(ctx: DetectorContext, m: number): void {
    const atMs = m * MINUTE_MS;
    const nowMs = atMs + MINUTE_MS;
    const hourOfDay = ctx.clock.localHour(atMs);
    const hourOfWeek = ctx.clock.localWeekday(atMs) * 24 + hourOfDay;
    for (let op = 0; op < opPending.length; op++) {
      const level = opLevel[op]!;
      const down = level >= t.operatorMinLevel && opPending[op]! < t.operatorFeedDownShare * level;
      opDown[op] = down ? 1 : 0;
      if (!down) opLevel[op] = level + alpha * (opPending[op]! - level);
      opPending[op] = 0;
    }
    const hour = Math.floor(m / 60);
    for (let u = 0; u < units.count; u++) {
      const c = units.pending[u]!;
      const all = units.pendingAll[u]!;
      units.pending[u] = 0;
      units.pendingAll[u] = 0;
      units.hourCount[u] = units.hourCount[u]! + c;
      const rate = units.expectedRate(u, hourOfWeek, hourOfDay);
      // Any record proves the cells are on air (machines too: a cut silences them as well);
      // only ordinary subscribers' records set how much traffic to expect.
      const live = all > 0 && all > Math.floor(t.nearZeroShare * rate);
      units.updateLevels(u, c, alpha, fastAlpha, live);
      if (live) {
        markLive(ctx, u, m);
        continue;
      }
      const run = m - units.lastLive[u]!;
      const o = open.get(u);
      if (o !== undefined) {
        units.silentHour[u] = hour;
        if (o.severity !== 'critical' && run >= t.criticalSilentMinutes) {
          o.severity = 'critical';
          o.evidence.silent_minutes = run;
          raise(ctx, u, o, nowMs);
        }
        continue;
      }
      if (run < t.minSilentMinutes || rate < minRate || rate * run < t.evidenceNats) continue;
      if (!units.isSite[u] && units.siteUnit[u]! >= 0 && run < t.minSectorSilentMinutes) continue;
      if (m - units.firstMinute[u]! < t.warmupMinutes || opDown[units.operatorId[u]!] === 1) continue;
      const s = units.siteUnit[u]!;
      // The whole site is silent too: its finding covers this cell.
      if (s >= 0 && (open.has(s) || m - units.lastLive[s]! >= t.minSilentMinutes)) continue;
      const site = units.isSite[u] ? units.keys[u]! : s >= 0 ? units.keys[s]! : '';
      if (!Number.isNaN(calendar.coveredUntil(site, units.cells[u]!, atMs, t.maintenanceGraceMs))) continue;
      const people = units.effectiveSubscribers(u, units.lastLive[u]!);
      if (people < t.minEffectiveSubscribers) continue; // a handful of phones leaving together is not a site going down
      const silentFromMs = (units.lastLive[u]! + 1) * MINUTE_MS;
      const opLevelNow = opLevel[units.operatorId[u]!]!;
      const silence: OpenSilence = {
        episodeKey: iso(silentFromMs), lastLiveMinute: units.lastLive[u]!, severity: 'high',
        evidence: {
          silent_since: iso(silentFromMs), silent_minutes: run,
          expected_records_per_minute: Math.round(rate * 100) / 100, baseline: units.lastSource,
          subscribers_carrying_traffic_before: Math.round(people),
          chance_of_silence_if_normal: Number((Math.exp(-rate * run)).toPrecision(2)),
          operator_records_per_minute: Math.round(opLevelNow), cells: [...units.cells[u]!].sort(),
          ...(site === '' ? {} : { site }),
        },
      };
      open.set(u, silence);
      units.silentHour[u] = hour;
      raise(ctx, u, silence, nowMs);
    }
  }

  function noteOn(ctx: DetectorContext, unit: number, i: number, pane: ClosedPane, minute: number, current: boolean, ordinary: boolean): void {
    const r = pane.records;
    const e = i * 2 + (units.isSite[unit] ? 1 : 0);
    if (unit >= chainLast.length) chainLast = grow(chainLast, unit + 1, -1); // sized lazily: restored units too
    if (chainLast[unit]! < 0) chained.push(unit);
    chainPrev[e] = chainLast[unit]!;
    chainLast[unit] = e;
    if (ordinary) units.noteSubscriber(unit, pane.slots[i]!, minute);
    if (current) {
      units.pendingAll[unit]!++;
      if (ordinary) units.pending[unit]!++;
      return;
    }
    // A late record: traffic existed at `minute`; enough of it there means the unit was live then.
    lateCount[unit] = lateMinute[unit] === minute ? lateCount[unit]! + 1 : 1;
    lateMinute[unit] = minute;
    const atMs = r.startMs[i]!;
    const rate = units.expectedRate(unit, ctx.clock.localWeekday(atMs) * 24 + ctx.clock.localHour(atMs), ctx.clock.localHour(atMs));
    if (lateCount[unit]! > Math.floor(t.nearZeroShare * rate)) markLive(ctx, unit, minute);
  }

  function finalizeThrough(ctx: DetectorContext, target: number): void {
    if (currentMinute < 0) return;
    for (let m = currentMinute; m <= target; m++) finalizeMinute(ctx, m);
    if (target >= currentMinute) currentMinute = target + 1;
  }

  return {
    name: 'site_silence',
    version: 1,
    // The maintenance calendar is configuration: it comes from the options (and addMaintenance) again.
    // The record-id chains are empty between panes, so they are not state.
    checkpointState: {
      units, siteUnits, open,
      get cellUnit(): typeof cellUnit { return cellUnit; }, set cellUnit(v: typeof cellUnit) { cellUnit = v; },
      get opPending(): typeof opPending { return opPending; }, set opPending(v: typeof opPending) { opPending = v; },
      get opLevel(): typeof opLevel { return opLevel; }, set opLevel(v: typeof opLevel) { opLevel = v; },
      get opDown(): typeof opDown { return opDown; }, set opDown(v: typeof opDown) { opDown = v; },
      get lateMinute(): typeof lateMinute { return lateMinute; }, set lateMinute(v: typeof lateMinute) { lateMinute = v; },
      get lateCount(): typeof lateCount { return lateCount; }, set lateCount(v: typeof lateCount) { lateCount = v; },
      get currentMinute(): typeof currentMinute { return currentMinute; }, set currentMinute(v: typeof currentMinute) { currentMinute = v; },
      get lastPaneMinute(): typeof lastPaneMinute { return lastPaneMinute; }, set lastPaneMinute(v: typeof lastPaneMinute) { lastPaneMinute = v; },
    },
    addMaintenance(window: MaintenanceWindow): void {
      calendar.add(window);
    },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      if (currentMinute < 0) currentMinute = pane.minute;
      lastPaneMinute = Math.max(lastPaneMinute, pane.minute);
      if (pane.minute > currentMinute) finalizeThrough(ctx, pane.minute - 1);
      const r = pane.records;
      paneRecordIds = r.recordId;
      chainPrev = grow(chainPrev, 2 * r.length);
      for (let i = 0; i < r.length; i++) {
        const op = r.operatorId[i]!;
        const minute = Math.floor(r.startMs[i]! / MINUTE_MS);
        const current = minute >= currentMinute;
        if (current) {
          opPending = grow(opPending, op + 1);
          opLevel = grow(opLevel, op + 1);
          opDown = grow(opDown, op + 1);
          opPending[op]!++;
        }
        const cellId = r.cellId[i]!;
        if (cellId === 0) continue;
        const ordinary = !isMachine(ctx, pane.slots[i]!);
        const u = unitOf(ctx, cellId, op, minute);
        const s = units.siteUnit[u]!;
        noteOn(ctx, u, i, pane, minute, current, ordinary);
        if (s >= 0) noteOn(ctx, s, i, pane, minute, current, ordinary);
      }
      for (const u of chained) flushRecent(u);
      chained.length = 0;
      paneRecordIds = null;
    },
    onHourClosed(hourEndMs: number, ctx: DetectorContext): void {
      const lastMinute = hourEndMs / MINUTE_MS - 1;
      // End of input closes the hour with empty panes: only minutes the stream has reached are final.
      finalizeThrough(ctx, Math.min(lastMinute, lastPaneMinute));
      const atMs = hourEndMs - MINUTE_MS;
      const hourOfDay = ctx.clock.localHour(atMs);
      const hourOfWeek = ctx.clock.localWeekday(atMs) * 24 + hourOfDay;
      for (let u = 0; u < units.count; u++) units.learnHour(u, Math.floor(lastMinute / 60), hourOfWeek, hourOfDay, t.baselineWeight);
    },
    finish(ctx: DetectorContext): void {
      finalizeThrough(ctx, Math.min(currentMinute, lastPaneMinute));
    },
  };
}
