/**
 * Per-subscriber sliding windows over interned ids, in typed arrays (no object per record
 * or per subscriber). A subscriber (served IMSI) gets a dense slot; counters live in
 * `counts1h`/`counts24h` (CounterBank: narrow cells, exact overflow); distinct counts are counted
 * from the subscriber's pairs when read.
 *
 * 1 h window: the last 60 one-minute panes, exact: each pane's records are logged and
 * subtracted when the pane is 60 minutes old. 24 h window: hourly panes, each pane's sums
 * logged sparsely and subtracted 24 hours later; distinct counts expire by an hourly sweep of
 * the pair tables. At a local midnight the 24 h window is exactly the day that ended, which
 * is how daily features are taken.
 */
import { COUNTER_COUNT, Counter, Distinct, type WindowFeatures } from './features.js';
import { growGently, resized } from './growable.js';
import { HourLog, MinuteLog, PairOwner } from './pane-log.js';
import { CounterBank } from './counter-bank.js';
import { PairTable } from './pair-table.js';

const PANES_1H = 60;
const HOURS_24H = 24;
const MAX_U16 = 0xffff;
/**
 * IMEI ids share the `sightings` table with cell ids, tagged above every cell id (ids are dictionary
 * ids, far below 2³¹): a subscriber's run holds its cells first, then its IMEIs, under one run header.
 */
const IMEI_TAG = 2 ** 31;
const ID_END = 2 ** 32;
/**
 * Counters in the order of their bits in the hour logs' masks: the ones most subscriber-hours have
 * first, so that a typical mask fits one varint byte (measured: −4 B per active subscriber, 20k mixed).
 */
const HOUR_COLUMN_COUNTER: readonly number[] = [
  Counter.dataSessions, Counter.dataKib, Counter.moVoice, Counter.mtVoice, Counter.moVoiceAnswered, Counter.moDurationDs,
  Counter.moDurationSq, Counter.moSms, Counter.mtSms, Counter.nightMoVoice, Counter.moShortAnswered, Counter.intlMoVoice,
  Counter.mtIntlTrunk, Counter.mtVoiceColocated, Counter.moVoiceSharedImei,
];
/** Counter → its column in the hour logs. */
const HOUR_COLUMN: readonly number[] = HOUR_COLUMN_COUNTER.reduce<number[]>((columns, counter, column) => {
  columns[counter] = column;
  return columns;
}, []);
/** Slots added at least per growth of the slot arrays. */
const SLOT_GROWTH_MIN = 1024;

/** Distinct counts are reported in the 16-bit range they have always had. */
function clampU16(n: number): number {
  return n > MAX_U16 ? MAX_U16 : n;
}

/** One record's contribution, prepared by the engine from a CdrBatch row. */
export interface Contribution {
  slot: number;
  minute: number;
  counterBits: number;
  durationDs: number;
  durationSq: number;
  dataKib: number;
  /** Callee id for outgoing calls/SMS, caller id for incoming; 0 for data. */
  peerId: number;
  outgoing: boolean;
  cellId: number;
  imeiId: number;
}

export class SubscriberWindows {
  private capacity = 0;
  private slotOfImsi = new Int32Array(1024);
  private slotOfMsisdn = new Int32Array(1024);
  /** IMEI id → slot + 1 of the subscriber last seen on it. */
  private lastSlotOfImei = new Int32Array(1024);
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  active = 0;

  imsiId = new Uint32Array(0);
  msisdnId = new Uint32Array(0);
  /** Operator dictionary ids, 8 bits wide until an id needs more (a country has a handful of operators). */
  operatorId: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(0);
  lastImeiId = new Uint32Array(0);
  lastCellId = new Uint32Array(0);
  firstSeenMinute = new Uint32Array(0);
  lastSeenMinute = new Uint32Array(0);
  private readonly counts1h = new CounterBank(8, 16);
  private readonly counts24h = new CounterBank(8, 32);

  /** (slot, peer msisdn id) → [last outgoing minute, last incoming minute]; 0 = none in window. */
  readonly contacts = new PairTable(2);
  /** (slot, cell id) and (slot, IMEI_TAG + IMEI id) → last minute. */
  readonly sightings = new PairTable(1);
  /** IMSIs seen on an IMEI (by IMEI id), kept from the IMEI pairs' arrivals and expiries. */
  imsisPerImei1h = new Uint16Array(1024);
  imsisPerImei24h = new Uint16Array(1024);

  private readonly minuteLogs: MinuteLog[] = Array.from({ length: PANES_1H + 1 }, () => new MinuteLog());
  private readonly hourLogs: HourLog[] = Array.from({ length: HOURS_24H + 2 }, () => new HourLog());
  /** Late records whose minute was never opened (older than the engine's first pane). */
  lateBeforeStart = 0;
  /** Highest minute whose pane has been opened for applying. */
  currentMinute = -1;


  slotOf(imsiId: number): number {
    return imsiId < this.slotOfImsi.length ? this.slotOfImsi[imsiId]! - 1 : -1;
  }

  /** Slot of the subscriber currently using this MSISDN, or -1. */
  slotOfNumber(msisdnId: number): number {
    return msisdnId < this.slotOfMsisdn.length ? this.slotOfMsisdn[msisdnId]! - 1 : -1;
  }

  /** Slot of the subscriber last seen on this IMEI, or -1. */
  slotOfDevice(imeiId: number): number {
    const slot = imeiId < this.lastSlotOfImei.length ? this.lastSlotOfImei[imeiId]! - 1 : -1;
    return slot >= 0 && this.lastImeiId[slot] === imeiId ? slot : -1;
  }

  /** Slot of a served IMSI, allocating one on first sight. */
  acquire(imsiId: number, msisdnId: number, operatorId: number, minute: number): number {
    let slot = this.slotOf(imsiId);
    if (slot < 0) {
      slot = this.freeSlots.pop() ?? this.nextSlot++;
      if (slot >= this.capacity) this.growSlots(slot + 1);
      this.slotOfImsi = growGently(this.slotOfImsi, imsiId + 1);
      this.slotOfImsi[imsiId] = slot + 1;
      this.imsiId[slot] = imsiId;
      this.firstSeenMinute[slot] = minute;
      this.lastSeenMinute[slot] = minute;
      this.active++;
    }
    if (msisdnId !== 0 && this.msisdnId[slot] !== msisdnId) {
      this.msisdnId[slot] = msisdnId;
      this.slotOfMsisdn = growGently(this.slotOfMsisdn, msisdnId + 1);
      this.slotOfMsisdn[msisdnId] = slot + 1;
    }
    if (operatorId > 0xff) this.widenOperatorIds(operatorId);
    this.operatorId[slot] = operatorId;
    if (minute > this.lastSeenMinute[slot]!) this.lastSeenMinute[slot] = minute;
    if (minute < this.firstSeenMinute[slot]!) this.firstSeenMinute[slot] = minute;
    return slot;
  }

  /**
   * Opens the pane of `minute` (the engine steps one minute at a time): subtracts the pane
   * that leaves the 1 h window. Its log stays readable until the ring reuses it, so the
   * hourly aggregate can still be built from it.
   */
  openMinute(minute: number): void {
    if (minute <= this.currentMinute) return;
    const leaving = this.minuteLogs[(minute - PANES_1H) % (PANES_1H + 1)]!;
    if (leaving.minute === minute - PANES_1H) this.expireMinute(leaving);
    this.minuteLogs[minute % (PANES_1H + 1)]!.reset(minute);
    this.currentMinute = minute;
    this.contacts.nowMinute = minute;
    this.sightings.nowMinute = minute;
  }

  /**
   * Applies one record. `minute` may be older than the current pane (a late record within the
   * allowed lateness): it then counts in the windows it still belongs to.
   */
  apply(c: Contribution): void {
    const now = this.currentMinute;
    const in1h = c.minute > now - PANES_1H;
    if (c.imeiId !== 0) {
      this.lastImeiId[c.slot] = c.imeiId;
      this.lastSlotOfImei = growGently(this.lastSlotOfImei, c.imeiId + 1);
      this.lastSlotOfImei[c.imeiId] = c.slot + 1;
    }
    if (c.cellId !== 0) this.lastCellId[c.slot] = c.cellId;
    let owner = 0;
    if (c.peerId !== 0) {
      this.touchContact(c.slot, c.peerId, c.outgoing ? 0 : 1, c.minute);
    }
    if (c.cellId !== 0) this.touchCell(c.slot, c.cellId, c.minute);
    if (c.imeiId !== 0) owner |= this.touchImei(c.imeiId, c.slot, c.minute, in1h);
    const hour = Math.floor(c.minute / 60);
    if (hour < Math.floor(now / 60)) {
      // The record's hour is closed: its aggregate takes the record directly, unless the hour has
      // already left the 24 h window.
      const hourLog = this.hourLogFor(hour);
      if (hourLog === undefined) return;
      this.logToHour(hourLog, c);
    }
    this.counts24h.addRecord(c.slot, c.counterBits, c.durationDs, c.durationSq, c.dataKib, 1);
    if (!in1h) return;
    this.counts1h.addRecord(c.slot, c.counterBits, c.durationDs, c.durationSq, c.dataKib, 1);
    const log = this.minuteLogs[c.minute % (PANES_1H + 1)]!;
    if (log.minute !== c.minute) {
      // A late record older than the first pane this engine opened: its pane starts now, so it still leaves the 1 h window on time.
      if (log.minute > c.minute) return;
      this.lateBeforeStart++;
      log.reset(c.minute);
    }
    log.push(c.slot, c.counterBits, c.durationDs, c.durationSq, c.dataKib, c.peerId, c.cellId, c.imeiId, owner);
  }

  /** IMSIs seen on this IMEI in the last hour / 24 h. */
  imsisOnImei(imeiId: number, window: '1h' | '24h'): number {
    const arr = window === '1h' ? this.imsisPerImei1h : this.imsisPerImei24h;
    return imeiId < arr.length ? arr[imeiId]! : 0;
  }

  counter(slot: number, counter: number, window: '1h' | '24h'): number {
    return (window === '1h' ? this.counts1h : this.counts24h).get(slot, counter);
  }

  distinct(slot: number, which: number, window: '1h' | '24h'): number {
    // 24 h: every pair still held (the hourly sweep drops older ones); 1 h: last seen in the last 60 panes.
    const since = window === '1h' ? this.currentMinute - PANES_1H + 1 : 1;
    let n: number;
    if (which === Distinct.callees) n = this.contacts.countSince(slot, 0, since);
    else if (which === Distinct.callers) n = this.contacts.countSince(slot, 1, since);
    else if (which === Distinct.cells) n = this.sightings.countSinceIn(slot, 0, since, 0, IMEI_TAG);
    else if (which === Distinct.imeis) n = this.sightings.countSinceIn(slot, 0, since, IMEI_TAG, ID_END);
    else n = this.contacts.countBoth(slot);
    return clampU16(n);
  }

  /**
   * Closes hour `hour` (all its minute panes are applied): builds its sparse aggregate,
   * subtracts the hour that leaves the 24 h window and sweeps expired pairs.
   */
  closeHour(hour: number): void {
    const log = this.hourLogs[hour % this.hourLogs.length]!;
    log.reset(hour);
    this.aggregateHour(hour, log);
    const expired = this.hourLogs[(hour - HOURS_24H) % this.hourLogs.length];
    if (expired !== undefined && expired.hour === hour - HOURS_24H) {
      const counts24h = this.counts24h;
      expired.forEach((slot, column, value) => counts24h.add(slot, HOUR_COLUMN_COUNTER[column]!, -value));
      expired.reset(-1);
    }
    this.sweepPairs((hour + 1 - HOURS_24H) * 60);
  }

  /** Frees slots idle since before `cutoffMinute`; returns how many were evicted. */
  evictIdle(cutoffMinute: number, onEvict?: (slot: number) => void): number {
    let evicted = 0;
    for (let slot = 0; slot < this.nextSlot; slot++) {
      const imsiId = this.imsiId[slot]!;
      if (imsiId === 0 || this.lastSeenMinute[slot]! >= cutoffMinute) continue;
      onEvict?.(slot);
      this.slotOfImsi[imsiId] = 0;
      const msisdnId = this.msisdnId[slot]!;
      if (msisdnId !== 0 && this.slotOfMsisdn[msisdnId] === slot + 1) this.slotOfMsisdn[msisdnId] = 0;
      this.imsiId[slot] = 0;
      this.msisdnId[slot] = 0;
      this.counts1h.clearSlot(slot);
      this.counts24h.clearSlot(slot);
      // Idle ≥ 24 h (config minimum), so the hourly sweep has already removed all its pairs; this only frees the blocks.
      this.contacts.clearOwner(slot);
      this.sightings.clearOwner(slot);
      this.freeSlots.push(slot);
      this.active--;
      evicted++;
    }
    return evicted;
  }

  /** Every slot in use, for daily snapshots. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.nextSlot; slot++) if (this.imsiId[slot] !== 0) yield slot;
  }

  features(slot: number, window: '1h' | '24h'): WindowFeatures {
    const bank = window === '1h' ? this.counts1h : this.counts24h;
    const since = window === '1h' ? this.currentMinute - PANES_1H + 1 : 1;
    const mo = bank.get(slot, Counter.moVoice);
    const answered = bank.get(slot, Counter.moVoiceAnswered);
    const meanDs = answered > 0 ? bank.get(slot, Counter.moDurationDs) / answered : 0;
    const meanSq = answered > 0 ? bank.get(slot, Counter.moDurationSq) / answered : 0; // (10 s)² units
    const variance = Math.max(0, meanSq * 100 - (meanDs / 10) ** 2);
    // The three contact counts in one pass over the subscriber's run (as distinct() would count them).
    this.contacts.countPair(slot, since);
    const callees = clampU16(this.contacts.counted0);
    const calledBack = clampU16(this.contacts.countedBoth);
    return {
      outgoingCalls: mo,
      incomingCalls: bank.get(slot, Counter.mtVoice),
      answeredRatio: mo > 0 ? answered / mo : 0,
      meanDurationS: meanDs / 10,
      stdDurationS: Math.sqrt(variance),
      shortAnsweredCalls: bank.get(slot, Counter.moShortAnswered),
      outgoingSms: bank.get(slot, Counter.moSms),
      incomingSms: bank.get(slot, Counter.mtSms),
      dataSessions: bank.get(slot, Counter.dataSessions),
      dataBytes: bank.get(slot, Counter.dataKib) * 1024,
      nightShare: mo > 0 ? bank.get(slot, Counter.nightMoVoice) / mo : 0,
      internationalShare: mo > 0 ? bank.get(slot, Counter.intlMoVoice) / mo : 0,
      incomingInternationalTrunk: bank.get(slot, Counter.mtIntlTrunk),
      incomingFromColocated: bank.get(slot, Counter.mtVoiceColocated),
      callsOnSharedImei: bank.get(slot, Counter.moVoiceSharedImei),
      distinctCallees: callees,
      distinctCallers: clampU16(this.contacts.counted1),
      distinctCells: this.distinct(slot, Distinct.cells, window),
      distinctImeis: this.distinct(slot, Distinct.imeis, window),
      calleesCalledBack: window === '24h' ? calledBack : 0,
      noCallbackShare: window === '24h' ? (callees > 0 ? 1 - calledBack / callees : 0) : Number.NaN,
    };
  }

  /** Bytes held by window state: every array and table below, at its allocated size. */
  get byteLength(): number {
    let total = 0;
    for (const bytes of Object.values(this.memoryBreakdown())) total += bytes;
    return total;
  }

  /** Allocated bytes per structure, for the memory benchmark. */
  memoryBreakdown(): Record<string, number> {
    let minuteLogs = 0;
    for (const log of this.minuteLogs) minuteLogs += log.byteLength;
    let hourLogs = 0;
    for (const log of this.hourLogs) hourLogs += log.byteLength;
    return {
      slotIdentity: this.imsiId.byteLength + this.msisdnId.byteLength + this.operatorId.byteLength
        + this.lastImeiId.byteLength + this.lastCellId.byteLength + this.firstSeenMinute.byteLength + this.lastSeenMinute.byteLength,
      counters1h: this.counts1h.byteLength,
      counters24h: this.counts24h.byteLength,
      idIndexes: this.slotOfImsi.byteLength + this.slotOfMsisdn.byteLength + this.lastSlotOfImei.byteLength,
      imsisPerImei: this.imsisPerImei1h.byteLength + this.imsisPerImei24h.byteLength,
      contacts: this.contacts.byteLength,
      cellsAndImeis: this.sightings.byteLength,
      minuteLogs,
      hourLogs,
    };
  }

  /** Entries in use per structure (pairs, log entries), beside memoryBreakdown's allocated bytes. */
  occupancy(): Record<string, number> {
    let minuteEntries = 0;
    for (const log of this.minuteLogs) minuteEntries += log.length;
    let hourEntries = 0;
    for (const log of this.hourLogs) log.forEach(() => hourEntries++);
    return {
      slots: this.active, slotCapacity: this.capacity, contacts: this.contacts.size, cellsAndImeis: this.sightings.size,
      minuteEntries, hourEntries, lateBeforeStart: this.lateBeforeStart,
      counterOverflows: this.counts1h.overflowed + this.counts24h.overflowed,
      pairCompactions: this.contacts.compactions + this.sightings.compactions,
    };
  }

  private hourLogFor(hour: number): HourLog | undefined {
    const log = this.hourLogs[hour % this.hourLogs.length]!;
    // An hour already closed takes late records directly; an open hour gets them from its minute logs.
    return log.hour === hour ? log : undefined;
  }

  private logToHour(log: HourLog, c: Contribution): void {
    let bits = c.counterBits;
    while (bits !== 0) {
      const k = 31 - Math.clz32(bits);
      bits &= ~(1 << k);
      log.push(c.slot, HOUR_COLUMN[k]!, 1);
    }
    if (c.durationDs !== 0) log.push(c.slot, HOUR_COLUMN[Counter.moDurationDs]!, c.durationDs);
    if (c.durationSq !== 0) log.push(c.slot, HOUR_COLUMN[Counter.moDurationSq]!, c.durationSq);
    if (c.dataKib !== 0) log.push(c.slot, HOUR_COLUMN[Counter.dataKib]!, c.dataKib);
  }

  /** Moves the last-seen minute of a (slot, cell) pair forward. */
  private touchCell(slot: number, cellId: number, minute: number): void {
    const entry = this.sightings.upsert(slot, cellId);
    if (minute > this.sightings.get(entry, 0)) this.sightings.set(entry, 0, minute);
  }

  /** Moves the last outgoing (column 0) or incoming (1) minute of a (slot, peer) pair forward. */
  private touchContact(slot: number, peerId: number, column: 0 | 1, minute: number): void {
    const entry = this.contacts.upsert(slot, peerId);
    if (minute > this.contacts.get(entry, column)) this.contacts.set(entry, column, minute);
  }

  /**
   * The (slot, IMEI) pair, which also counts the IMSIs on the IMEI: a pair arriving in a window is one
   * more IMSI on that device, a pair leaving it one fewer.
   */
  private touchImei(imeiId: number, slot: number, minute: number, in1h: boolean): number {
    this.imsisPerImei1h = growGently(this.imsisPerImei1h, imeiId + 1);
    this.imsisPerImei24h = growGently(this.imsisPerImei24h, imeiId + 1);
    const entry = this.sightings.upsert(slot, IMEI_TAG + imeiId);
    const last = this.sightings.get(entry, 0);
    if (last === 0 && this.imsisPerImei24h[imeiId]! < MAX_U16) this.imsisPerImei24h[imeiId]!++;
    if (minute <= last) return 0;
    if (in1h && last <= this.currentMinute - PANES_1H && this.imsisPerImei1h[imeiId]! < MAX_U16) this.imsisPerImei1h[imeiId]!++;
    this.sightings.set(entry, 0, minute);
    return in1h ? PairOwner.imei : 0;
  }

  private expireMinute(log: MinuteLog): void {
    const m = log.minute;
    for (let pos = 0; pos < log.used;) {
      pos = log.read(pos);
      const slot = log.slot;
      this.counts1h.addRecord(slot, log.counterBits, log.durationDs, log.durationSq, log.dataKib, -1);
      const owner = log.ownerBits;
      if (owner === 0) continue;
      if (owner & PairOwner.imei) {
        const imei = log.imeiId;
        const entry = this.sightings.find(slot, IMEI_TAG + imei);
        if (entry >= 0 && this.sightings.get(entry, 0) === m && this.imsisPerImei1h[imei]! > 0) this.imsisPerImei1h[imei]!--;
      }
    }
  }

  /**
   * Builds hour `hour`'s sparse aggregate. Called right after the hour's last pane opened, when the
   * 1 h window holds exactly the hour's 60 panes: each subscriber's hour sums are its 1 h counters, so
   * only the slots that appear in the hour's minute logs need to be found.
   */
  private aggregateHour(hour: number, log: HourLog): void {
    let n = 0;
    for (let m = hour * 60; m < hour * 60 + 60; m++) {
      const minuteLog = this.minuteLogs[m % (PANES_1H + 1)]!;
      if (minuteLog.minute === m) n += minuteLog.length;
    }
    const slots = new Uint32Array(n);
    n = 0;
    for (let m = hour * 60; m < hour * 60 + 60; m++) {
      const minuteLog = this.minuteLogs[m % (PANES_1H + 1)]!;
      if (minuteLog.minute !== m) continue;
      for (let pos = 0; pos < minuteLog.used;) {
        pos = minuteLog.read(pos);
        slots[n++] = minuteLog.slot;
      }
    }
    slots.sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (i === 0 || slots[i] !== slots[i - 1]) slots[distinct++] = slots[i]!;
    const counts1h = this.counts1h;
    log.encode(slots, distinct, COUNTER_COUNT, (slot, column) => counts1h.get(slot, HOUR_COLUMN_COUNTER[column]!));
  }

  private sweepPairs(cutoffMinute: number): void {
    // A pair goes when none of its minutes is left in the window (a contact's direction that left is cleared).
    // An (IMSI, IMEI) pair leaving the 24 h window is one IMSI fewer on that device.
    const perImei = this.imsisPerImei24h;
    this.sightings.expireBefore(cutoffMinute, (id) => {
      if (id >= IMEI_TAG && perImei[id - IMEI_TAG]! > 0) perImei[id - IMEI_TAG]!--;
    });
    this.contacts.expireBefore(cutoffMinute);
  }

  /** Slot arrays grow by an eighth (at least 1024 slots), not doubling: at most ~12 % of them idle. */
  private growSlots(minSlots: number): void {
    const capacity = Math.max(minSlots, this.capacity + Math.max(SLOT_GROWTH_MIN, Math.ceil(this.capacity / 8)));
    this.capacity = capacity;
    this.imsiId = resized(this.imsiId, capacity);
    this.msisdnId = resized(this.msisdnId, capacity);
    this.operatorId = resized(this.operatorId, capacity);
    this.lastImeiId = resized(this.lastImeiId, capacity);
    this.lastCellId = resized(this.lastCellId, capacity);
    this.firstSeenMinute = resized(this.firstSeenMinute, capacity);
    this.lastSeenMinute = resized(this.lastSeenMinute, capacity);
    this.counts1h.resize(capacity);
    this.counts24h.resize(capacity);
    this.contacts.ensureOwners(capacity);
    this.sightings.ensureOwners(capacity);
  }

  /** Operator ids move to 16 or 32 bits the first time one needs it (allocating only then: this runs per record). */
  private widenOperatorIds(operatorId: number): void {
    const bytes = operatorId > MAX_U16 ? 4 : 2;
    if (bytes <= this.operatorId.BYTES_PER_ELEMENT) return;
    const wider = bytes === 4 ? new Uint32Array(this.capacity) : new Uint16Array(this.capacity);
    wider.set(this.operatorId);
    this.operatorId = wider;
  }
}
