/**
 * A bank's one-time-password sender: thousands of SMS a day to distinct customers, but each
 * triggered by a customer's own login or payment, so timing is random (Poisson) and follows
 * consumer activity, and recipients are not sequential. Must not be taken for SMS spam.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { instantIn } from '../calls.js';
import type { Rng } from '../prng.js';
import { CONSUMER_OTP } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';

/** OTP messages per day per 1,000 subscribers (banking-app logins and card payments). */
export const BANK_OTP = { smsPerDayPer1000: 150, customerShare: 0.4 };

export class BankOtpSender implements Behaviour {
  readonly name = 'bank_otp';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly sender: Subscriber;
  private readonly customers: Subscriber[];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    this.sender = world.addSubscriber(rng, {
      opIndex: world.operatorIndex(rng), activatedAtMs: world.opts.startMs - rng.uniform(300, 1500) * 86_400_000, plan: 'postpaid',
      customerType: 'enterprise', dealerId: 'ENT-BANK', idHash: rng.hex(16), role: 'bank_otp', home: world.quietPlace(rng), device: 'gateway',
    });
    this.customers = world.persons.filter(() => rng.chance(BANK_OTP.customerShare));
    world.truth.confounder({ kind: 'bank_otp', msisdn: this.sender.msisdn, imsi: this.sender.imsi });
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng } = this;
    const perDay = (this.world.opts.subscribers * BANK_OTP.smsPerDayPer1000) / 1000;
    const count = rng.poisson(perDay * (CONSUMER_OTP[ctx.localHour] as number));
    for (let k = 0; k < count; k++) {
      sink.sms({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: this.sender, to: rng.pick(this.customers) }, rng);
    }
  }
}
