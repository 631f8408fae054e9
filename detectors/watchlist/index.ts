/**
 * watchlist: numbers, IMSIs and IMEIs an investigator placed on the watchlist (from a file or
 * the API) raise a finding the moment they appear in any record — as the served subscriber or
 * as the other party — with where, when, on which device and with whom. One finding per entry
 * per local day, updated as further records arrive.
 */
import { Direction, EVENT_KIND_NAMES } from '../../core/cdr.js';
import type { Subject } from '../../core/finding.js';
import { placeOf } from '../common/place.js';
import { addSample } from '../common/samples.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { Watchlist, type WatchKind, type WatchlistEntry } from './entries.js';

export type { WatchlistEntry } from './entries.js';
export { parseWatchlist, readWatchlistFile } from './file.js';

export interface WatchlistOptions {
  entries?: readonly WatchlistEntry[];
}

export interface WatchlistDetector extends Detector {
  add(entry: WatchlistEntry): void;
  /** Returns whether the entry was on the list. */
  remove(entry: WatchlistEntry): boolean;
  entries(): WatchlistEntry[];
}

interface Sighting {
  subject: Subject;
  day: string;
  firstMs: number;
  lastMs: number;
  records: number;
  roles: Set<string>;
  events: Set<string>;
  cells: Set<string>;
  provinces: Set<string>;
  counterparts: Set<string>;
  related: Map<string, Subject>;
  samples: string[];
  operator: string;
  province: string;
  district: string;
}

const MAX_LISTED = 10;

export function createWatchlistDetector(options: WatchlistOptions = {}): WatchlistDetector {
  const list = new Watchlist();
  for (const entry of options.entries ?? []) list.add(entry);
  const sightings = new Map<string, Sighting>();

  function sighting(ctx: DetectorContext, kind: WatchKind, value: string, atMs: number): Sighting {
    const day = ctx.clock.localDate(atMs);
    const key = `${kind}|${value}|${day}`;
    let s = sightings.get(key);
    if (s === undefined) {
      s = {
        subject: { kind, value }, day, firstMs: atMs, lastMs: atMs, records: 0, roles: new Set(), events: new Set(), cells: new Set(),
        provinces: new Set(), counterparts: new Set(), related: new Map(), samples: [], operator: '', province: '', district: '',
      };
      sightings.set(key, s);
    }
    return s;
  }

  function note(ctx: DetectorContext, pane: ClosedPane, i: number, kind: WatchKind, value: string, role: string, touched: Set<Sighting>): void {
    const r = pane.records;
    const d = ctx.dictionaries;
    const atMs = r.startMs[i]!;
    const s = sighting(ctx, kind, value, atMs);
    s.records++;
    s.firstMs = Math.min(s.firstMs, atMs);
    s.lastMs = Math.max(s.lastMs, atMs);
    s.roles.add(role);
    s.events.add(`${EVENT_KIND_NAMES[r.event[i]!]} ${r.direction[i] === Direction.mo ? 'outgoing' : 'incoming'}`);
    if (s.operator === '') s.operator = d.operator.value(r.operatorId[i]!);
    addSample(s.samples, r.recordId[i]!);
    if (role === 'served') {
      const place = placeOf(ctx, r.cellId[i]!);
      if (place.cell !== '' && s.cells.size < MAX_LISTED) s.cells.add(place.cell);
      if (place.province !== '') {
        s.provinces.add(place.province);
        s.province = place.province;
        s.district = place.district;
      }
      const ids: [WatchKind, string][] = [['msisdn', d.msisdn.value(r.servedMsisdnId[i]!)], ['imsi', d.imsi.value(r.imsiId[i]!)], ['imei', d.imei.value(r.imeiId[i]!)]];
      for (const [k, v] of ids) if (v !== '' && !(k === kind && v === value) && s.related.size < MAX_LISTED) s.related.set(`${k}|${v}`, { kind: k, value: v });
      const peer = d.msisdn.value(r.peerMsisdnId[i]!);
      if (peer !== '' && s.counterparts.size < MAX_LISTED) s.counterparts.add(peer);
    } else {
      const served = d.msisdn.value(r.servedMsisdnId[i]!);
      if (served !== '' && s.counterparts.size < MAX_LISTED) s.counterparts.add(served);
    }
    touched.add(s);
  }

  function raise(ctx: DetectorContext, s: Sighting): void {
    ctx.raise({
      type: 'watchlist', severity: 'high', score: 1,
      subject: s.subject, related: [...s.related.values()], operator: s.operator,
      ...(s.province === '' ? {} : { province: s.province, district: s.district }),
      episodeKey: s.day, firstEventMs: s.firstMs,
      evidence: {
        records_today: s.records, first_seen_at: new Date(s.firstMs).toISOString(), last_seen_at: new Date(s.lastMs).toISOString(),
        appeared_as: [...s.roles].sort(), events: [...s.events].sort(), cells: [...s.cells], provinces: [...s.provinces],
        counterparts: [...s.counterparts], sample_record_ids: s.samples,
      },
    }, s.firstMs);
  }

  return {
    name: 'watchlist',
    version: 1,
    // The list itself is configuration (file or API), loaded again on restart.
    checkpointState: { sightings },
    add: (entry) => list.add(entry),
    remove: (entry) => list.remove(entry),
    entries: () => list.entries(),
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      if (list.size === 0) return;
      list.sync(ctx.dictionaries);
      const { msisdn, imsi, imei } = list.byKind;
      const r = pane.records;
      const d = ctx.dictionaries;
      const touched = new Set<Sighting>();
      for (let i = 0; i < r.length; i++) {
        if (msisdn.has(r.servedMsisdnId[i]!)) note(ctx, pane, i, 'msisdn', d.msisdn.value(r.servedMsisdnId[i]!), 'served', touched);
        if (msisdn.has(r.peerMsisdnId[i]!)) note(ctx, pane, i, 'msisdn', d.msisdn.value(r.peerMsisdnId[i]!), 'other party', touched);
        if (imsi.has(r.imsiId[i]!)) note(ctx, pane, i, 'imsi', d.imsi.value(r.imsiId[i]!), 'served', touched);
        if (imei.has(r.imeiId[i]!)) note(ctx, pane, i, 'imei', d.imei.value(r.imeiId[i]!), 'served', touched);
      }
      for (const s of touched) raise(ctx, s);
    },
    onHourClosed(hourEndMs: number, ctx: DetectorContext): void {
      const today = ctx.clock.localDate(hourEndMs);
      const yesterday = ctx.clock.localDate(hourEndMs - 86_400_000);
      for (const [key, s] of sightings) if (s.day !== today && s.day !== yesterday) sightings.delete(key);
    },
  };
}
