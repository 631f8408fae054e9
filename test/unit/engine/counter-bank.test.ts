import { describe, expect, it } from 'vitest';
import { CounterBank } from '../../../engine/counter-bank.js';
import { Counter } from '../../../engine/features.js';

describe('CounterBank', () => {
  it('keeps counts exact past the 8-bit cell: the count moves to the overflow map and back', () => {
    const bank = new CounterBank(8, 16);
    bank.resize(4);
    for (let i = 0; i < 300; i++) bank.addRecord(2, 1 << Counter.moVoice, 0, 0, 0, 1);
    expect(bank.get(2, Counter.moVoice)).toBe(300);
    expect(bank.overflowed).toBe(1);
    for (let i = 0; i < 46; i++) bank.addRecord(2, 1 << Counter.moVoice, 0, 0, 0, -1);
    expect(bank.get(2, Counter.moVoice)).toBe(254); // back under the top value: the map entry is gone
    expect(bank.overflowed).toBe(0);
    bank.add(2, Counter.moVoice, 1);
    expect(bank.get(2, Counter.moVoice)).toBe(255); // the top value itself lives in the map
    expect(bank.overflowed).toBe(1);
    expect(bank.get(1, Counter.moVoice)).toBe(0);
    expect(bank.get(3, Counter.moVoice)).toBe(0);
  });

  it('adds a record to every counter in its bits and to its sums, and subtracts it exactly', () => {
    const bank = new CounterBank(16, 32);
    bank.resize(2);
    const bits = (1 << Counter.moVoice) | (1 << Counter.moVoiceAnswered) | (1 << Counter.nightMoVoice);
    bank.addRecord(1, bits, 3_000_000, 90_000, 5_000_000, 1);
    bank.add(1, Counter.mtSms, 70_000); // beyond 16 bits
    const read = () => [Counter.moVoice, Counter.moVoiceAnswered, Counter.nightMoVoice, Counter.moDurationDs,
      Counter.moDurationSq, Counter.dataKib, Counter.mtSms, Counter.mtVoice].map((k) => bank.get(1, k));
    expect(read()).toEqual([1, 1, 1, 3_000_000, 90_000, 5_000_000, 70_000, 0]);
    bank.addRecord(1, bits, 3_000_000, 90_000, 5_000_000, -1);
    bank.add(1, Counter.mtSms, -70_000);
    expect(read()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(bank.overflowed).toBe(0);
  });

  it('clears a slot, overflowed counts included, and keeps values when resized', () => {
    const bank = new CounterBank(8, 16);
    bank.resize(1);
    bank.add(0, Counter.dataSessions, 1000);
    bank.add(0, Counter.dataKib, 7);
    bank.resize(3);
    expect(bank.get(0, Counter.dataSessions)).toBe(1000);
    expect(bank.get(0, Counter.dataKib)).toBe(7);
    bank.clearSlot(0);
    expect([bank.get(0, Counter.dataSessions), bank.get(0, Counter.dataKib), bank.overflowed]).toEqual([0, 0, 0]);
  });

  it('keeps 16-bit sums exact past 65,535 (an hour of heavy data)', () => {
    const bank = new CounterBank(8, 16);
    bank.resize(1);
    bank.addRecord(0, 1 << Counter.dataSessions, 0, 0, 60_000, 1);
    bank.addRecord(0, 1 << Counter.dataSessions, 0, 0, 60_000, 1);
    expect([bank.get(0, Counter.dataKib), bank.overflowed]).toEqual([120_000, 1]);
    bank.addRecord(0, 1 << Counter.dataSessions, 0, 0, 60_000, -1);
    expect([bank.get(0, Counter.dataKib), bank.get(0, Counter.dataSessions), bank.overflowed]).toEqual([60_000, 1, 0]);
  });
});
