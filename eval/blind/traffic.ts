/** Emitting calls, SMS and data sessions as Contract 1 records, with the on-net mirror leg. */
import { DAY_MS, HOUR_MS, World, type Subscriber } from './world.js';

/** Relative activity per local hour for people: quiet nights, late-morning and evening peaks. */
const HOUR_WEIGHTS = [0.4, 0.2, 0.1, 0.1, 0.2, 0.6, 1.5, 3, 4.5, 5.5, 6, 6, 5, 5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 6.5, 5.5, 3.5, 1.5];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

export type Trunk = 'international' | 'national' | 'onnet';

export class Traffic {
  private readonly byMsisdn = new Map<string, Subscriber>();
  /** Cells a subscriber is in today, when a scenario moves them (travellers, couriers). */
  readonly cellOverride = new Map<Subscriber, (t: number) => string>();

  constructor(readonly world: World) {
    for (const s of world.subscribers) this.byMsisdn.set(s.msisdn, s);
  }

  own(msisdn: string): Subscriber | undefined { return this.byMsisdn.get(msisdn); }

  /** Local-midnight ms of day `day` plus `hour` (fractional) local hours. */
  at(day: number, hour: number): number { return this.world.startMs + day * DAY_MS + hour * HOUR_MS; }

  /** A time on `day` drawn from the human daily rhythm. */
  rhythmTime(day: number): number {
    const rng = this.world.rng;
    let x = rng.next() * HOUR_TOTAL;
    let h = 0;
    while (h < 23 && x >= HOUR_WEIGHTS[h]!) { x -= HOUR_WEIGHTS[h]!; h++; }
    return this.at(day, h + rng.next());
  }

  /** Uniform time within [fromHour, toHour) local on `day`. */
  between(day: number, fromHour: number, toHour: number): number {
    return this.at(day, fromHour + this.world.rng.next() * (toHour - fromHour));
  }

  cellOf(sub: Subscriber, t: number): string {
    const override = this.cellOverride.get(sub);
    if (override !== undefined) return override(t);
    const localHour = ((t - this.world.startMs) % DAY_MS) / HOUR_MS;
    return localHour >= 9 && localHour < 17 ? sub.workCell : sub.homeCell;
  }

  /** Outgoing voice; when the callee is ours, its terminating leg too (on-net). */
  voiceMo(sub: Subscriber, t: number, callee: string, answered: boolean, talkS: number, ringS: number): void {
    const duration = answered ? Math.max(1, Math.round(talkS)) : 0;
    const ring = Math.max(0, Math.round(ringS));
    this.world.emit({
      event: 'voice', direction: 'mo', start_time: t, duration_s: duration, answered, ring_s: ring,
      caller: sub.msisdn, callee, imsi: sub.imsi, imei: sub.imei, cell_id: this.cellOf(sub, t), trunk_in: '',
      cause: answered ? 'normal' : 'no_answer',
    });
    const peer = this.byMsisdn.get(callee);
    if (peer !== undefined) this.voiceMt(peer, t + 1_000, sub.msisdn, 'onnet', answered, duration, ring);
  }

  voiceMt(sub: Subscriber, t: number, caller: string, trunk: Trunk, answered: boolean, talkS: number, ringS: number): void {
    this.world.emit({
      event: 'voice', direction: 'mt', start_time: t, duration_s: answered ? Math.max(1, Math.round(talkS)) : 0,
      answered, ring_s: Math.max(0, Math.round(ringS)), caller, callee: sub.msisdn, imsi: sub.imsi, imei: sub.imei,
      cell_id: this.cellOf(sub, t), trunk_in: trunk, cause: answered ? 'normal' : 'no_answer',
    });
  }

  smsMo(sub: Subscriber, t: number, callee: string): void {
    this.world.emit({
      event: 'sms', direction: 'mo', start_time: t, caller: sub.msisdn, callee, imsi: sub.imsi, imei: sub.imei,
      cell_id: this.cellOf(sub, t), trunk_in: '',
    });
    const peer = this.byMsisdn.get(callee);
    if (peer !== undefined) this.smsMt(peer, t + 2_000, sub.msisdn, 'onnet');
  }

  smsMt(sub: Subscriber, t: number, caller: string, trunk: Trunk): void {
    this.world.emit({
      event: 'sms', direction: 'mt', start_time: t, caller, callee: sub.msisdn, imsi: sub.imsi, imei: sub.imei,
      cell_id: this.cellOf(sub, t), trunk_in: trunk,
    });
  }

  data(sub: Subscriber, t: number, sessionS: number, bytes: number): void {
    this.world.emit({
      event: 'data', direction: 'mo', start_time: t, duration_s: Math.max(1, Math.round(sessionS)),
      bytes: Math.max(0, Math.round(bytes)), imsi: sub.imsi, imei: sub.imei, cell_id: this.cellOf(sub, t),
    });
  }
}
