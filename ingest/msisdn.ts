/**
 * Phone numbers to E.164 digits without '+'. Separators people and switches write
 * (space, '-', '.', parentheses) are dropped; '+' or the international prefix '00' mark a
 * number that already carries its country code; a single trunk prefix '0' marks a national
 * number that gets the home country code; anything else is kept as already international.
 */

/** ITU-T E.164: at most 15 digits. 7 excludes service short codes, which are not subscribers. */
export const MSISDN_MIN_DIGITS = 7;
export const MSISDN_MAX_DIGITS = 15;
/** Longest raw text worth looking at (separators included). */
const RAW_MAX_BYTES = 40;

const D0 = 48;

/**
 * Normalises buf[start, end) into out[outPos…]. Returns the number of digits written, or
 * -1 when the value is not a phone number (letters, misplaced '+', wrong length).
 * `homeCc` holds the home country code as ASCII digits.
 */
export function normaliseMsisdnBytes(
  buf: Uint8Array, start: number, end: number, homeCc: Uint8Array, out: Uint8Array, outPos: number,
): number {
  if (end - start > RAW_MAX_BYTES) return -1;
  let w = outPos;
  let plus = false;
  let sawDigit = false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    const d = c - D0;
    if (d >= 0 && d <= 9) {
      out[w++] = c;
      sawDigit = true;
    } else if (c === 43 /* + */) {
      if (sawDigit || plus) return -1;
      plus = true;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41 && c !== 9) {
      return -1; // letters and any other symbol
    }
  }
  let len = w - outPos;
  if (len === 0) return -1;
  if (plus) {
    if (out[outPos] === D0) return -1; // no country code starts with 0
  } else if (out[outPos] === D0) {
    if (len > 1 && out[outPos + 1] === D0) {
      // 00 + CC…: drop the international prefix.
      out.copyWithin(outPos, outPos + 2, w);
      len -= 2;
      if (len === 0 || out[outPos] === D0) return -1;
    } else {
      // 0 + NSN: national number, replace the trunk prefix by the home country code.
      const shift = homeCc.length - 1;
      if (len + shift > MSISDN_MAX_DIGITS) return -1;
      out.copyWithin(outPos + homeCc.length, outPos + 1, w);
      out.set(homeCc, outPos);
      len += shift;
      if (len === homeCc.length) return -1; // a lone '0'
    }
  }
  return len >= MSISDN_MIN_DIGITS && len <= MSISDN_MAX_DIGITS ? len : -1;
}

const scratch = Buffer.alloc(RAW_MAX_BYTES + 8);

/** String form of normaliseMsisdnBytes: E.164 digits without '+', or null when not a number. */
export function normaliseMsisdn(raw: string, homeCountryCode: string): string | null {
  const input = Buffer.from(raw.trim(), 'utf8');
  const len = normaliseMsisdnBytes(input, 0, input.length, Buffer.from(homeCountryCode, 'latin1'), scratch, 0);
  return len < 0 ? null : scratch.toString('latin1', 0, len);
}
