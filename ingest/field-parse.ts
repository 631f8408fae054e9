/**
 * Byte-level parsers for CSV/JSONL field values: no substring, no regex, no allocation.
 * Each returns NaN (or false) for a value it does not accept; the caller names the reason.
 */

/** Event times outside [2000-01-01, 2100-01-01) are absurd for a live feed (a unit or clock error). */
export const MIN_EVENT_MS = 946_684_800_000; // 2000-01-01T00:00:00Z
export const MAX_EVENT_MS = 4_102_444_800_000; // 2100-01-01T00:00:00Z

const D0 = 48; // '0'
const MINUS = 45;
const PLUS = 43;
const DOT = 46;

function digitsValue(buf: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - D0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export function isAllDigits(buf: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - D0;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/**
 * Decimal number: [+-]digits[.digits] on the fast path; exponents and other JS number
 * syntax go through Number(). Returns NaN when not a finite number.
 */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return NaN;
  let i = start;
  let sign = 1;
  const first = buf[i]!;
  if (first === MINUS) { sign = -1; i++; } else if (first === PLUS) i++;
  let intPart = 0;
  let digits = 0;
  while (i < end) {
    const d = buf[i]! - D0;
    if (d < 0 || d > 9) break;
    intPart = intPart * 10 + d;
    digits++;
    i++;
  }
  if (i === end) return digits > 0 && digits < 16 ? sign * intPart : slowNumber(buf, start, end);
  if (buf[i] !== DOT) return slowNumber(buf, start, end);
  i++;
  let frac = 0;
  let scale = 1;
  const fracStart = i;
  while (i < end) {
    const d = buf[i]! - D0;
    if (d < 0 || d > 9) return slowNumber(buf, start, end);
    frac = frac * 10 + d;
    scale *= 10;
    i++;
  }
  const fracDigits = end - fracStart;
  if (digits + fracDigits === 0 || digits + fracDigits > 15) return slowNumber(buf, start, end);
  return sign * (intPart + frac / scale);
}

function slowNumber(buf: Uint8Array, start: number, end: number): number {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    // Only characters that can appear in a JS decimal literal; rejects hex, 'Infinity', '_' and blanks.
    if (!((c >= D0 && c <= D0 + 9) || c === DOT || c === MINUS || c === PLUS || c === 101 || c === 69)) return NaN;
    text += String.fromCharCode(c);
  }
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}

const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian, y ≥ 1970 not required). */
function daysFromEpoch(y: number, m: number, d: number): number {
  const yPrev = y - 1;
  const leapsBefore = Math.floor(yPrev / 4) - Math.floor(yPrev / 100) + Math.floor(yPrev / 400) - 477; // 477 leap years in 1..1969
  let days = (y - 1970) * 365 + leapsBefore + DAYS_BEFORE_MONTH[m]! + d - 1;
  if (m > 2 && isLeap(y)) days++;
  return days;
}

/**
 * Event time: epoch milliseconds (digits only) or ISO-8601 `YYYY-MM-DD[T| ]HH:MM[:SS[.fff…]]`
 * followed by `Z` or an offset `±HH[:MM]`/`±HHMM`. A time without offset is rejected:
 * local wall-clock time is ambiguous. Returns NaN when invalid or outside [2000, 2100).
 */
export function parseEventTimeMs(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len <= 0) return NaN;
  let ms: number;
  if (len <= 16 && isAllDigits(buf, start, end)) {
    ms = digitsValue(buf, start, end);
  } else {
    ms = parseIsoWithOffset(buf, start, end);
  }
  return ms >= MIN_EVENT_MS && ms < MAX_EVENT_MS ? ms : NaN;
}

function two(buf: Uint8Array, i: number): number {
  const a = buf[i]! - D0;
  const b = buf[i + 1]! - D0;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function parseIsoWithOffset(buf: Uint8Array, start: number, end: number): number {
  // Shortest accepted form: YYYY-MM-DDTHH:MMZ (17 bytes).
  if (end - start < 17) return NaN;
  const year = digitsValue(buf, start, start + 4);
  if (year < 0 || buf[start + 4] !== MINUS || buf[start + 7] !== MINUS) return NaN;
  const month = two(buf, start + 5);
  const day = two(buf, start + 8);
  const sep = buf[start + 10];
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  const hour = two(buf, start + 11);
  const minute = two(buf, start + 14);
  if (buf[start + 13] !== 58 /* : */) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let i = start + 16;
  let second = 0;
  let fracMs = 0;
  if (buf[i] === 58) {
    second = two(buf, i + 1);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (buf[i] === DOT || buf[i] === 44 /* , */) {
      i++;
      let scale = 100;
      const fracStart = i;
      while (i < end) {
        const d = buf[i]! - D0;
        if (d < 0 || d > 9) break;
        fracMs += d * scale;
        scale /= 10;
        i++;
      }
      if (i === fracStart) return NaN;
    }
  }
  if (i >= end) return NaN; // no offset: naive local time
  let offsetMin = 0;
  const z = buf[i];
  if (z === 90 /* Z */ || z === 122 /* z */) {
    i++;
  } else if (z === PLUS || z === MINUS) {
    const oh = two(buf, i + 1);
    if (oh < 0 || oh > 18) return NaN;
    i += 3;
    let om = 0;
    if (i < end) {
      if (buf[i] === 58) i++;
      om = two(buf, i);
      if (om < 0 || om > 59) return NaN;
      i += 2;
    }
    offsetMin = (z === MINUS ? -1 : 1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  if (i !== end) return NaN;
  const days = daysFromEpoch(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMin) * 60_000 + second * 1000 + Math.floor(fracMs);
}
