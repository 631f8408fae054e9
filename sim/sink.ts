/**
 * Turns simulated calls, messages and data sessions into Contract-1 records, the way the
 * network would record them: an `mo` record at the originating subscriber's operator and an
 * `mt` record at the terminating one, each with the served party's IMSI, IMEI and cell.
 * Records are stamped with a mediation delivery time and released in delivery order, so
 * files come out slightly out of event-time order with a few re-sent duplicates.
 */
import type { CdrRecord } from '../core/cdr.js';
import type { Rng } from './prng.js';
import { RowStore, type RowSegment } from './row_store.js';
import type { Subscriber, World } from './world.js';

/** A party is a simulated SIM or a number outside the simulated population (E.164 digits). */
export type Party = Subscriber | string;

export interface VoiceCall {
  startMs: number;
  from: Party;
  to: Party;
  answered: boolean;
  durationS: number;
  ringS: number;
  cause: string;
  /** Overrides for SIMs in gateways: the port's IMEI and the gateway's cell. */
  fromImei?: string;
  fromCell?: string;
  toImei?: string;
  /** null: the called SIM is registered but not on the network (e.g. sitting in a SIM bank). */
  toCell?: string | null;
}

export interface MessageSpec {
  startMs: number;
  from: Party;
  to: Party;
  fromImei?: string;
  fromCell?: string;
  toImei?: string;
  toCell?: string | null;
}

/**
 * Mediation delay after the event time. Operators' mediation collects switch files every few
 * minutes; a small share waits for the next collection or a retransmission (DESIGN.md: allowed
 * disorder 10 min by default, so the tail past it exercises lateness handling).
 */
const DELIVERY = { fastShare: 0.85, fastMaxMs: 180_000, slowShare: 0.13, slowMaxMs: 480_000, lateMaxMs: 1_200_000, minMs: 15_000 };
/** Share of records a mediation system re-sends as an exact duplicate row. */
const DUPLICATE_SHARE = 0.0008;
const ZEROS = '0000000000';

/** A record waiting for its mediation delivery time. */
export interface PendingRecord {
  deliverMs: number;
  record: CdrRecord;
}

export class RecordSink {
  private readonly world: World;
  private readonly rng: Rng;
  /** Per-operator record sequence; record ids are unique within an operator (Contract 1). */
  private readonly counters = new Map<string, { prefix: string; seq: number }>();
  private pending: PendingRecord[] = [];
  private readonly formatIso: (ms: number) => string;
  /** Distinct records generated, and rows queued for delivery (duplicates included). */
  generated = 0;
  queued = 0;

  private readonly encode: ((record: CdrRecord) => string) | undefined;

  private readonly rows: RowStore | undefined;

  /**
   * With `encode`, records are turned into text rows at once and wait for delivery as bytes
   * in a RowStore (drainRows); without it, as objects (drain).
   */
  constructor(world: World, rng: Rng, formatIso: (ms: number) => string, encode?: (record: CdrRecord) => string) {
    this.world = world;
    this.rng = rng;
    this.formatIso = formatIso;
    this.encode = encode;
    this.rows = encode ? new RowStore() : undefined;
  }

  /** Emits the records of one call; returns whether the originating side was recorded. */
  voice(call: VoiceCall, rng: Rng): boolean {
    const { from, to } = call;
    if (!this.world.inWindow(call.startMs)) return false;
    const fromSub = typeof from === 'string' ? undefined : from;
    const toSub = typeof to === 'string' ? undefined : to;
    const fromCell = fromSub ? call.fromCell ?? this.world.cellAt(fromSub, call.startMs, rng) : undefined;
    if (fromCell === null) return false; // caller has no coverage: no call at all
    const toCell = toSub ? (call.toCell !== undefined ? call.toCell : this.world.cellAt(toSub, call.startMs, rng)) : undefined;
    let { answered, durationS, cause } = call;
    if (toCell === null) {
      answered = false; // callee unreachable (its site is down)
      durationS = 0;
      cause = '20';
    }
    const caller = numberOf(from);
    const callee = numberOf(to);
    const durationOut = answered ? Math.round(durationS) : 0;
    const ringS = Math.round(call.ringS);
    if (fromSub) {
      this.push(call.startMs, fromSub.operator, 'voice', 'mo', durationOut, answered, ringS, caller, callee, fromSub.imsi,
        call.fromImei ?? fromSub.imei, fromCell as string, '', undefined, cause);
    }
    if (toSub && toCell !== null) {
      this.push(call.startMs, toSub.operator, 'voice', 'mt', durationOut, answered, ringS, caller, callee, toSub.imsi,
        call.toImei ?? toSub.imei, toCell as string, this.trunkIn(from, toSub), undefined, cause);
    }
    return fromSub !== undefined || toCell !== null;
  }

  sms(msg: MessageSpec, rng: Rng): boolean {
    if (!this.world.inWindow(msg.startMs)) return false;
    const fromSub = typeof msg.from === 'string' ? undefined : msg.from;
    const toSub = typeof msg.to === 'string' ? undefined : msg.to;
    const fromCell = fromSub ? msg.fromCell ?? this.world.cellAt(fromSub, msg.startMs, rng) : undefined;
    if (fromCell === null) return false;
    const caller = numberOf(msg.from);
    const callee = numberOf(msg.to);
    if (fromSub) {
      this.push(msg.startMs, fromSub.operator, 'sms', 'mo', undefined, undefined, undefined, caller, callee, fromSub.imsi,
        msg.fromImei ?? fromSub.imei, fromCell as string, undefined, undefined, undefined);
    }
    // SMS is store-and-forward: an unreachable recipient would get it later; we keep it simple and deliver at once.
    if (toSub) {
      const toCell = msg.toCell !== undefined ? msg.toCell : this.world.cellAt(toSub, msg.startMs, rng);
      if (toCell !== null) {
        this.push(msg.startMs, toSub.operator, 'sms', 'mt', undefined, undefined, undefined, caller, callee, toSub.imsi,
          msg.toImei ?? toSub.imei, toCell, this.trunkIn(msg.from, toSub), undefined, undefined);
      }
    }
    return true;
  }

  data(sub: Subscriber, startMs: number, durationS: number, bytes: number, rng: Rng, cell?: string): boolean {
    if (!this.world.inWindow(startMs)) return false;
    const cellId = cell ?? this.world.cellAt(sub, startMs, rng);
    if (cellId === null) return false;
    this.push(startMs, sub.operator, 'data', 'mo', Math.round(durationS), undefined, undefined, sub.msisdn, undefined, sub.imsi,
      sub.imei, cellId, undefined, Math.round(bytes), undefined);
    return true;
  }

  /** Records delivered before `untilMs`, in delivery order; later ones stay pending. */
  drain(untilMs: number): PendingRecord[] {
    this.pending.sort(byDelivery);
    let cut = 0;
    while (cut < this.pending.length && (this.pending[cut] as PendingRecord).deliverMs < untilMs) cut++;
    const out = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return out;
  }

  /** Encoded rows delivered before `untilMs`, in delivery order, grouped by daily file. */
  drainRows(untilMs: number, dayOf: (deliverMs: number) => number): RowSegment[] {
    return this.rows ? this.rows.drain(untilMs, dayOf) : [];
  }

  get pendingCount(): number {
    return this.pending.length + (this.rows?.size ?? 0);
  }

  private trunkIn(from: Party, to: Subscriber): 'onnet' | 'national' | 'international' {
    if (typeof from !== 'string') return from.operator === to.operator ? 'onnet' : 'national';
    return from.startsWith(this.world.opts.homeCountryCode) ? 'national' : 'international';
  }

  /** Builds the record with every field in a fixed order (one hidden class, no spreads on the hot path). */
  private push(
    startMs: number, operator: string, event: CdrRecord['event'], direction: CdrRecord['direction'], durationS: number | undefined,
    answered: boolean | undefined, ringS: number | undefined, caller: string | undefined, callee: string | undefined, imsi: string,
    imei: string, cellId: string, trunkIn: CdrRecord['trunk_in'], bytes: number | undefined, cause: string | undefined,
  ): void {
    startMs = Math.floor(startMs / 1000) * 1000; // switches record whole seconds
    let counter = this.counters.get(operator);
    if (counter === undefined) {
      counter = { prefix: operator.slice(4), seq: 0 };
      this.counters.set(operator, counter);
    }
    const seq = ++counter.seq;
    const record: CdrRecord = {
      record_id: counter.prefix + (seq < 1e10 ? ZEROS.slice(String(seq).length) + seq : String(seq)), operator, event, direction, start_time: this.formatIso(startMs),
      duration_s: durationS, answered, ring_s: ringS, caller, callee, imsi, imei, cell_id: cellId, trunk_in: trunkIn, bytes, cause,
    };
    const deliverMs = startMs + this.deliveryDelay();
    const duplicateMs = this.rng.chance(DUPLICATE_SHARE) ? deliverMs + this.rng.uniform(60_000, 1_200_000) : -1;
    this.generated++;
    this.queued += duplicateMs >= 0 ? 2 : 1;
    if (this.encode && this.rows) {
      const row = this.encode(record);
      this.rows.add(deliverMs, row);
      if (duplicateMs >= 0) this.rows.add(duplicateMs, row);
    } else {
      this.pending.push({ deliverMs, record });
      if (duplicateMs >= 0) this.pending.push({ deliverMs: duplicateMs, record });
    }
  }

  private deliveryDelay(): number {
    const u = this.rng.next();
    if (u < DELIVERY.fastShare) return this.rng.uniform(DELIVERY.minMs, DELIVERY.fastMaxMs);
    if (u < DELIVERY.fastShare + DELIVERY.slowShare) return this.rng.uniform(DELIVERY.fastMaxMs, DELIVERY.slowMaxMs);
    return this.rng.uniform(DELIVERY.slowMaxMs, DELIVERY.lateMaxMs);
  }
}

function numberOf(party: Party): string {
  return typeof party === 'string' ? party : party.msisdn;
}

function byDelivery(a: PendingRecord, b: PendingRecord): number {
  return a.deliverMs - b.deliverMs;
}
