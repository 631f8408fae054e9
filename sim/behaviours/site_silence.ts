/**
 * Site silence: a site whose traffic stops for hours — a cut or stolen backhaul/power cable
 * (cable theft is a recurring cause of site outages, GSMA "Mobile network infrastructure
 * theft" reports). Phones under it lose service or camp on a neighbouring site. The confounder
 * is a planned maintenance window, at night, listed in truth as `maintenance`.
 * There is nothing to emit: the effect is the absence of records, applied by World.cellAt.
 */
import { HOUR_MS, isoOf } from '../../core/time.js';
import type { Rng } from '../prng.js';
import type { World } from '../world.js';

export const SILENCE = {
  cutsPerDay: 1,
  cutStartLocalHour: [9, 13] as const, // daytime: the busy hours make the gap obvious
  cutHours: [3, 6] as const,
  maintenanceLocalHour: 1, // planned works: 01:00–04:00, operators' usual window
  maintenanceHours: 3,
};

/** Registers cable cuts (truth: site_silence) and one maintenance window on busy sites. */
export function planSiteOutages(world: World, rng: Rng): void {
  const opIndex = world.operators.reduce((best, op, i, all) => (op.share > (all[best] as typeof op).share ? i : best), 0);
  const people = new Array<number>(world.geo.places.length).fill(0);
  for (const p of world.persons) {
    if (p.opIndex !== opIndex) continue;
    people[p.home] = (people[p.home] as number) + 1;
    if (p.worker) people[p.work] = (people[p.work] as number) + 1;
  }
  const busiest = people.map((count, place) => ({ count, place })).sort((a, b) => b.count - a.count || a.place - b.place).map((x) => x.place);
  const op = world.operators[opIndex] as (typeof world.operators)[number];
  let rank = 0;
  const describe = (place: number): { siteId: string; cells: string[]; province: string; district: string } => {
    const info = world.geo.places[place] as (typeof world.geo.places)[number];
    return {
      siteId: world.geo.siteId(opIndex, place), cells: [0, 1, 2].map((s) => world.geo.cellId(opIndex, place, s)), province: info.province, district: info.district,
    };
  };
  for (let day = 0; day < world.opts.days; day++) {
    for (let k = 0; k < SILENCE.cutsPerDay; k++) {
      const place = busiest[rank++ % busiest.length] as number;
      const fromMs = Math.round(world.localTime(day, rng.uniform(SILENCE.cutStartLocalHour[0], SILENCE.cutStartLocalHour[1])) / 60_000) * 60_000;
      const toMs = fromMs + Math.round(rng.uniform(SILENCE.cutHours[0], SILENCE.cutHours[1]) * 60) * 60_000;
      if (fromMs < world.opts.startMs) continue; // a start after the cut hour: no cut that day
      world.addOutage(opIndex, place, fromMs, toMs);
      const site = describe(place);
      world.truth.register(`silence:${site.siteId}:${day}`, {
        type: 'site_silence', subject: { kind: 'site', value: site.siteId }, operator: op.code, cells: site.cells,
        province: site.province, district: site.district, end_at: isoOf(toMs),
      }, fromMs);
    }
  }
  const place = busiest[rank++ % busiest.length] as number;
  const fromMs = world.localTime(0, SILENCE.maintenanceLocalHour);
  const toMs = fromMs + SILENCE.maintenanceHours * HOUR_MS;
  if (fromMs < world.opts.startMs) return;
  world.addOutage(opIndex, place, fromMs, toMs);
  const site = describe(place);
  world.truth.maintenance.push({ site_id: site.siteId, operator: op.code, cells: site.cells, from: isoOf(fromMs), to: isoOf(toMs) });
  world.truth.confounder({ kind: 'maintenance', site: site.siteId, operator: op.code, from: isoOf(fromMs), to: isoOf(toMs) });
}
