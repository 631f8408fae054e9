/**
 * Daily contacts, cells and devices per subscriber for the API's profile (store tables
 * daily_contacts, daily_cells, daily_devices). Accumulated per local day from accepted batches
 * and written when the engine closes that day. Memory grows with the distinct (subscriber,
 * contact) pairs of the open day(s); a national deployment would move this to typed arrays.
 *
 * A day is taken for writing once, synchronously when the engine emits its daily features, so
 * what it holds depends on the input only (not on when the asynchronous write runs): a replay
 * from a checkpoint writes the same rows again, and the store replaces them per (day, imsi).
 * Records of a day already taken arrive after its midnight: like the daily features, the
 * day's profile does not include them (counted in lateAfterTaken).
 */
import { Direction, EventKind, type CdrBatch } from '../core/cdr.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { LocalClock } from '../core/time.js';
import type { DailyContactColumns, DailyPlaceColumns, Store } from '../store/index.js';

interface ContactCounts {
  callsOut: number;
  callsIn: number;
  smsOut: number;
  smsIn: number;
  durationS: number;
}

interface DayAggregate {
  /** `${imsiId}:${msisdnId}:${operatorId}:${peerId}` */
  contacts: Map<string, ContactCounts>;
  /** `${imsiId}:${msisdnId}:${operatorId}:${cellId}` */
  cells: Map<string, number>;
  devices: Map<string, number>;
}

export interface ProfileDay {
  contacts: DailyContactColumns;
  cells: DailyPlaceColumns;
  devices: DailyPlaceColumns;
}

export class ProfileRecorder {
  private readonly days = new Map<string, DayAggregate>();
  /** Last local day (YYYY-MM-DD) taken for writing; '' before any. */
  private takenThrough = '';
  /** Records of days already taken, left out of the profile tables. */
  lateAfterTaken = 0;

  constructor(private readonly dictionaries: Dictionaries, private readonly clock: LocalClock) {}

  record(batch: CdrBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const day = this.clock.localDate(batch.startMs[i]!);
      if (day <= this.takenThrough) {
        this.lateAfterTaken++;
        continue;
      }
      let agg = this.days.get(day);
      if (agg === undefined) this.days.set(day, (agg = { contacts: new Map(), cells: new Map(), devices: new Map() }));
      const who = `${batch.imsiId[i]}:${batch.servedMsisdnId[i]}:${batch.operatorId[i]}`;
      const event = batch.event[i]!;
      const peer = batch.peerMsisdnId[i]!;
      if (event !== EventKind.data && peer !== 0) {
        const key = `${who}:${peer}`;
        let c = agg.contacts.get(key);
        if (c === undefined) agg.contacts.set(key, (c = { callsOut: 0, callsIn: 0, smsOut: 0, smsIn: 0, durationS: 0 }));
        const out = batch.direction[i] === Direction.mo;
        if (event === EventKind.voice) {
          if (out) c.callsOut++;
          else c.callsIn++;
          c.durationS += batch.durationS[i]!;
        } else if (out) c.smsOut++;
        else c.smsIn++;
      }
      if (batch.cellId[i] !== 0) bump(agg.cells, `${who}:${batch.cellId[i]}`);
      if (batch.imeiId[i] !== 0) bump(agg.devices, `${who}:${batch.imeiId[i]}`);
    }
  }

  /** Removes and returns every day up to and including `day` (YYYY-MM-DD), as store columns. */
  takeThrough(day: string): ProfileDay[] {
    const taken: ProfileDay[] = [];
    for (const [d, agg] of [...this.days].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (d > day) break;
      this.days.delete(d);
      taken.push({
        contacts: this.contactColumns(d, agg),
        cells: this.placeColumns(d, agg.cells, (id) => this.dictionaries.cell.value(id)),
        devices: this.placeColumns(d, agg.devices, (id) => this.dictionaries.imei.value(id)),
      });
    }
    if (day > this.takenThrough) this.takenThrough = day;
    return taken;
  }

  /** Writes every day up to and including `day` (YYYY-MM-DD) and forgets it. */
  async flushThrough(day: string, store: Store): Promise<void> {
    await writeProfileDays(store, this.takeThrough(day));
  }

  private who(key: string): { imsi: string; msisdn: string; operator: string; rest: number } {
    const [imsi, msisdn, operator, rest] = key.split(':').map(Number) as [number, number, number, number];
    const d = this.dictionaries;
    return { imsi: d.imsi.value(imsi), msisdn: d.msisdn.value(msisdn), operator: d.operator.value(operator), rest };
  }

  private contactColumns(day: string, agg: DayAggregate): DailyContactColumns {
    const n = agg.contacts.size;
    const cols: DailyContactColumns = {
      length: n, day: [], operator: [], imsi: [], msisdn: [], contact: [], callsOut: new Uint32Array(n), callsIn: new Uint32Array(n),
      smsOut: new Uint32Array(n), smsIn: new Uint32Array(n), durationS: new Float64Array(n),
    };
    let i = 0;
    for (const [key, c] of agg.contacts) {
      const w = this.who(key);
      cols.day.push(day);
      cols.operator.push(w.operator);
      cols.imsi.push(w.imsi);
      cols.msisdn.push(w.msisdn);
      cols.contact.push(this.dictionaries.msisdn.value(w.rest));
      cols.callsOut[i] = c.callsOut;
      cols.callsIn[i] = c.callsIn;
      cols.smsOut[i] = c.smsOut;
      cols.smsIn[i] = c.smsIn;
      cols.durationS[i] = c.durationS;
      i++;
    }
    return cols;
  }

  private placeColumns(day: string, places: Map<string, number>, name: (id: number) => string): DailyPlaceColumns {
    const cols: DailyPlaceColumns = { length: places.size, day: [], operator: [], imsi: [], msisdn: [], key: [], events: new Uint32Array(places.size) };
    let i = 0;
    for (const [key, events] of places) {
      const w = this.who(key);
      cols.day.push(day);
      cols.operator.push(w.operator);
      cols.imsi.push(w.imsi);
      cols.msisdn.push(w.msisdn);
      cols.key.push(name(w.rest));
      cols.events[i++] = events;
    }
    return cols;
  }
}

export async function writeProfileDays(store: Store, days: readonly ProfileDay[]): Promise<void> {
  for (const day of days) {
    await store.appendDailyContacts(day.contacts);
    await store.appendDailyPlaces('daily_cells', day.cells);
    await store.appendDailyPlaces('daily_devices', day.devices);
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
