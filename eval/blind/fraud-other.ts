/** Non-SIM-box fraud: robocalls, SMS spam farm, Wangiri one-ring, IRSF, and a cable cut silencing a site. */
import type { Scenario } from './fraud.js';
import type { Truth } from './truth.js';
import { DAY_MS, type Cell, type Subscriber, type World } from './world.js';

/** Robocallers dial number blocks in sequence; few answer, answered calls are a short recording. */
export function robocall(world: World, truth: Truth, cell: Cell, sims: number, callsPerDay: number): Scenario {
  const rng = world.rng.fork('robocall');
  const subs = Array.from({ length: sims }, () => world.addSubscriber({ group: 'robocall', homeCell: cell.cellId, activatedAtMs: world.startMs - 5 * DAY_MS }));
  for (const s of subs) truth.add({ type: 'mass_calling', kind: 'msisdn', value: s.msisdn, scenario: 'robocall' });
  return {
    name: 'robocall',
    traffic(traffic, day) {
      for (const sub of subs) {
        let block = Number('849' + rng.digits(8));
        for (let c = 0; c < callsPerDay; c++) {
          const answered = rng.chance(0.22);
          traffic.voiceMo(sub, traffic.between(day, 8.5, 20), String(block++), answered, rng.int(12, 40), rng.int(8, 25));
        }
      }
    },
  };
}

/** SMS spam from a USB-modem farm: hundreds of SMS per SIM to distinct numbers, no voice, no replies. */
export function smsSpam(world: World, truth: Truth, cell: Cell, sims: number, population: Subscriber[]): Scenario {
  const rng = world.rng.fork('sms-spam');
  const subs = Array.from({ length: sims }, () => world.addSubscriber({ group: 'sms-spam', homeCell: cell.cellId, imei: world.imei('86155502'), activatedAtMs: world.startMs - 2 * DAY_MS }));
  for (const s of subs) truth.add({ type: 'sms_spam', kind: 'msisdn', value: s.msisdn, scenario: 'sms-spam' });
  return {
    name: 'sms-spam',
    traffic(traffic, day) {
      for (const sub of subs) {
        const count = rng.int(250, 450);
        for (let c = 0; c < count; c++) {
          const from = day === 0 ? 13 : 8;
          traffic.smsMo(sub, traffic.between(day, from, 21.5), rng.chance(0.5) ? rng.pick(population).msisdn : world.otherMobile());
        }
      }
    },
  };
}

/** Wangiri: one-ring calls from premium international ranges to many subscribers; a few call back. */
export function wangiri(world: World, truth: Truth, population: Subscriber[]): Scenario {
  const rng = world.rng.fork('wangiri');
  // Somalia, Latvia premium, Tunisia: ranges seen in Wangiri waves.
  const callers = ['2521' + rng.digits(7), '37190' + rng.digits(6), '21650' + rng.digits(6)];
  for (const c of callers) truth.add({ type: 'wangiri', kind: 'msisdn', value: c, scenario: 'wangiri' });
  return {
    name: 'wangiri',
    traffic(traffic, day) {
      if (day !== 1) return;
      callers.forEach((caller, i) => {
        for (let c = 0; c < 320; c++) {
          const victim = rng.pick(population);
          const t = traffic.between(day, 18 + i, 20.5 + i);
          traffic.voiceMt(victim, t, caller, 'international', false, 0, rng.int(1, 2));
          if (rng.chance(0.05)) traffic.voiceMo(victim, t + rng.int(5, 90) * 60_000, caller, true, rng.int(60, 420), rng.int(2, 5));
        }
      });
    },
  };
}

/** IRSF: freshly activated SIMs pump long night calls to international premium numbers. */
export function irsf(world: World, truth: Truth, cell: Cell): Scenario {
  const rng = world.rng.fork('irsf');
  const subs = Array.from({ length: 3 }, () => world.addSubscriber({ group: 'irsf', homeCell: cell.cellId, activatedAtMs: world.startMs - 1 * DAY_MS }));
  for (const s of subs) truth.add({ type: 'irsf', kind: 'msisdn', value: s.msisdn, scenario: 'irsf' });
  const targets = ['88213' + rng.digits(7), '37155' + rng.digits(6), '2390' + rng.digits(6), '88216' + rng.digits(7)];
  return {
    name: 'irsf',
    traffic(traffic, day) {
      if (day !== 1) return;
      for (const sub of subs) {
        for (let c = 0; c < 28; c++) traffic.voiceMo(sub, traffic.between(day, 0.5, 5), rng.pick(targets), true, rng.int(900, 3600), rng.int(2, 6));
      }
    },
  };
}

/** A cable cut: every cell of the site goes silent from `cutMs` on (applied to the finished record list). */
export function siteCut(world: World, truth: Truth, siteId: string, cutMs: number): (records: World['records']) => World['records'] {
  truth.add({ type: 'site_silence', kind: 'site', value: siteId, scenario: 'cable-cut', firstEventMs: cutMs });
  const cells = new Set(world.cells.filter((c) => c.siteId === siteId).map((c) => c.cellId));
  for (const c of cells) truth.label(c, 'cable-cut');
  return (records) => records.filter((r) => !(r.cell_id !== undefined && cells.has(r.cell_id) && (r.start_time as number) >= cutMs));
}
