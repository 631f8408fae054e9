/**
 * Test-call generation (TCG): a vendor abroad places calls to the operators' own test SIMs
 * over several wholesale routes and compares the CLI it sent with the CLI that arrives.
 * A call that reaches the test SIM from a local mobile number went through a SIM box, and
 * names that SIM (GSMA FF.21; ITU-T Suppl. on CLI spoofing and bypass detection).
 */
import { isoOf } from '../../core/time.js';
import type { Behaviour, HourContext } from '../behaviour.js';
import { instantIn } from '../calls.js';
import { DIASPORA_COUNTRIES, foreignMobile } from '../numbering.js';
import type { Rng } from '../prng.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import type { SimboxFarm } from './simbox.js';

export const TEST_CALLS = {
  testSimsPerOperator: 2,
  callsPerDayPerOperator: 8, // "a few test calls per day": TCG campaigns are priced per call
  firstLocalHour: 8,
  lastLocalHour: 22,
  /** Clean tier-1 carriers alongside the farms' grey routes. */
  cleanRoutes: ['tier1-a', 'tier1-b'],
};

export interface TestCallRow {
  test_id: string;
  called_at: string;
  b_number: string;
  original_cli: string;
  observed_cli: string;
  route: string;
}

export class TestCalls implements Behaviour {
  readonly name = 'test_calls';
  readonly rows: TestCallRow[] = [];
  private readonly world: World;
  private readonly rng: Rng;
  private readonly farms: SimboxFarm[];
  private readonly testSims: Subscriber[] = [];
  private readonly vendorCli: string;

  constructor(world: World, rng: Rng, farms: SimboxFarm[]) {
    this.world = world;
    this.rng = rng;
    this.farms = farms;
    this.vendorCli = foreignMobile(rng, DIASPORA_COUNTRIES[rng.int(DIASPORA_COUNTRIES.length)] as (typeof DIASPORA_COUNTRIES)[number]);
    world.operators.forEach((_, opIndex) => {
      for (let k = 0; k < TEST_CALLS.testSimsPerOperator; k++) {
        this.testSims.push(world.addSubscriber(rng, {
          opIndex, activatedAtMs: world.opts.startMs - rng.uniform(100, 400) * 86_400_000, plan: 'postpaid', customerType: 'enterprise',
          dealerId: 'OPERATOR-TEST', idHash: rng.hex(16), role: 'test_sim', home: world.quietPlace(rng),
        }));
      }
    });
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    if (ctx.localHour < TEST_CALLS.firstLocalHour || ctx.localHour >= TEST_CALLS.lastLocalHour) return;
    const { rng, world } = this;
    const perHour = (TEST_CALLS.callsPerDayPerOperator * world.operators.length) / (TEST_CALLS.lastLocalHour - TEST_CALLS.firstLocalHour);
    const routes = [...TEST_CALLS.cleanRoutes, ...this.farms.map((f) => f.route)];
    const calls = rng.poisson(perHour);
    for (let k = 0; k < calls; k++) {
      const startMs = instantIn(rng, ctx.startMs, ctx.endMs);
      const testSim = rng.pick(this.testSims);
      const routeIndex = rng.int(routes.length);
      const route = routes[routeIndex] as string;
      const farm = routeIndex >= TEST_CALLS.cleanRoutes.length ? this.farms[routeIndex - TEST_CALLS.cleanRoutes.length] : undefined;
      const caught = farm?.intercept(startMs, rng) ?? null;
      const talk = { answered: true, durationS: rng.uniform(15, 30), ringS: rng.uniform(2, 6), cause: '16' };
      let observed = this.vendorCli;
      if (caught !== null && farm !== undefined) {
        if (!sink.voice({ startMs, from: caught.sim, to: testSim, ...talk, fromImei: caught.imei, fromCell: caught.cell }, rng)) continue;
        observed = caught.sim.msisdn;
        const key = `tcg:${caught.sim.msisdn}`;
        world.truth.register(key, {
          type: 'tcg_bypass', farm: farm.name, subject: { kind: 'msisdn', value: caught.sim.msisdn }, imsi: caught.sim.imsi, imei: caught.imei, operator: caught.sim.operator,
        }, startMs);
        world.truth.observe(`simbox:${caught.sim.msisdn}`, startMs);
      } else if (!sink.voice({ startMs, from: this.vendorCli, to: testSim, ...talk }, rng)) {
        continue;
      }
      this.rows.push({
        test_id: `TC${String(this.rows.length + 1).padStart(6, '0')}`, called_at: isoOf(startMs), b_number: testSim.msisdn,
        original_cli: this.vendorCli, observed_cli: observed, route,
      });
    }
  }
}
