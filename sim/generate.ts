/**
 * The simulation loop: build the world and its behaviours from the options, then step
 * through event time one hour at a time. Each hour every behaviour emits the records of the
 * events starting in it; the sink releases, in delivery order, everything mediation would
 * have delivered by the end of the hour. Memory holds one hour of records plus the late tail.
 */
import type { CdrRecord } from '../core/cdr.js';
import { HOUR_MS } from '../core/time.js';
import type { Behaviour } from './behaviour.js';
import { Irsf } from './behaviours/irsf.js';
import { JunkSims } from './behaviours/junk_sim.js';
import { MassCalling } from './behaviours/mass_calling.js';
import { PeopleTraffic } from './behaviours/people.js';
import { SimboxFarm } from './behaviours/simbox.js';
import { planSiteOutages } from './behaviours/site_silence.js';
import { SmsSpam } from './behaviours/sms_spam.js';
import { TestCalls, type TestCallRow } from './behaviours/test_calls.js';
import { Wangiri } from './behaviours/wangiri.js';
import { BankOtpSender } from './confounders/bank_otp.js';
import { CALL_CENTRE, EnterpriseLines, TELEMARKETER } from './confounders/enterprise_lines.js';
import { M2mFleet } from './confounders/m2m.js';
import { isoFormatter } from './format.js';
import { resolveOptions, type ResolvedOptions, type SimulationOptions } from './options.js';
import { buildPopulation } from './population.js';
import { Rng } from './prng.js';
import { SCENARIO_FARMS } from './scenario.js';
import type { RowSegment } from './row_store.js';
import { RecordSink, type PendingRecord } from './sink.js';
import type { TruthFile } from './truth.js';
import { World } from './world.js';

/** One call centre per this many subscribers (at least one). */
const SUBSCRIBERS_PER_CALL_CENTRE = 10_000;

export class Simulation {
  readonly opts: ResolvedOptions;
  readonly world: World;
  readonly farms: SimboxFarm[] = [];
  private readonly behaviours: Behaviour[] = [];
  private readonly testCalls: TestCalls;
  private readonly sink: RecordSink;
  /** Simulated hours already generated (progress reporting). */
  hoursDone = 0;

  constructor(opts: ResolvedOptions, encode?: (record: CdrRecord) => string) {
    this.opts = opts;
    const world = new World(opts);
    this.world = world;
    // Every part draws from its own labelled stream, so scenarios differ only where they should.
    const stream = (label: string): Rng => new Rng(opts.seed, label);
    const pop = buildPopulation(world, stream('population'));
    planSiteOutages(world, stream('site_silence'));
    this.behaviours.push(new PeopleTraffic(world, pop, stream('people')));
    const centres = Math.max(1, Math.round(opts.subscribers / SUBSCRIBERS_PER_CALL_CENTRE));
    for (let k = 0; k < centres; k++) this.behaviours.push(new EnterpriseLines(world, stream(`call_centre-${k}`), CALL_CENTRE, `callcentre-${k + 1}`));
    this.behaviours.push(new EnterpriseLines(world, stream('telemarketer'), TELEMARKETER, 'telemarketer-1'));
    this.behaviours.push(new M2mFleet(world, stream('m2m')), new BankOtpSender(world, stream('bank_otp')));
    SCENARIO_FARMS[opts.scenario].forEach((spec, k) => this.farms.push(new SimboxFarm(world, stream(`${opts.scenario}-farm-${k}`), `farm-${k + 1}`, spec)));
    this.behaviours.push(...this.farms);
    this.testCalls = new TestCalls(world, stream('test_calls'), this.farms);
    this.behaviours.push(this.testCalls);
    this.behaviours.push(
      new MassCalling(world, stream('mass_calling')), new SmsSpam(world, stream('sms_spam')), new Wangiri(world, stream('wangiri')),
      new Irsf(world, stream('irsf')), new JunkSims(world, stream('junk_sim')),
    );
    this.sink = new RecordSink(world, stream('delivery'), isoFormatter(opts.timeZone), encode);
  }

  /**
   * Runs the simulation hour by hour; after each hour yields the event time up to which
   * every record has been generated (+Infinity at the end), so callers can drain the sink.
   */
  *hours(): Generator<number> {
    const { startMs, endMs } = this.opts;
    const clock = this.world.clock;
    for (let hourStart = startMs; hourStart < endMs; hourStart += HOUR_MS) {
      const ctx = {
        startMs: hourStart, endMs: Math.min(hourStart + HOUR_MS, endMs), localHour: clock.localHour(hourStart),
        weekday: clock.localWeekday(hourStart), day: Math.floor((hourStart - startMs) / 86_400_000),
      };
      for (const behaviour of this.behaviours) behaviour.hour(ctx, this.sink);
      this.hoursDone++;
      yield ctx.endMs;
    }
    yield Number.POSITIVE_INFINITY;
  }

  /** Hour by hour, the records mediation delivered in that hour, in delivery order. */
  *batches(): Generator<PendingRecord[]> {
    for (const untilMs of this.hours()) yield this.sink.drain(untilMs);
  }

  /** Hour by hour, encoded rows (needs `encode` at construction), grouped by daily file. */
  *rowBatches(dayOf: (deliverMs: number) => number): Generator<RowSegment[]> {
    for (const untilMs of this.hours()) yield this.sink.drainRows(untilMs, dayOf);
  }

  get recordsGenerated(): number {
    return this.sink.generated;
  }

  /** Rows handed out so far or still pending delivery (re-sent duplicates included). */
  get recordsWritten(): number {
    return this.sink.queued;
  }

  testCallRows(): TestCallRow[] {
    const rows = [...this.testCalls.rows].sort((a, b) => a.called_at.localeCompare(b.called_at));
    return rows.map((row, i) => ({ ...row, test_id: `TC${String(i + 1).padStart(6, '0')}` }));
  }

  truth(): TruthFile {
    const { seed, scenario, startMs, endMs } = this.opts;
    return this.world.truth.toFile({ seed, scenario, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() });
  }
}

/** Every CDR of a simulation, in delivery order, streamed (one simulated hour in memory at a time). */
export function* generateCdrs(options: Partial<SimulationOptions> & { seed: number }): Generator<CdrRecord> {
  const sim = new Simulation(resolveOptions({ outDir: '.', ...options }));
  for (const batch of sim.batches()) for (const pending of batch) yield pending.record;
}
