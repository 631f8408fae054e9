/**
 * E.164 country code of an international number (digits, no '+'). Country codes are prefix-free
 * (ITU-T E.164 and its list of assigned codes): 1 and 7 are one digit, the two-digit codes are
 * listed below, everything else is three digits.
 */
const TWO_DIGIT = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

export function countryCodeOf(digits: string): string {
  const first = digits.charAt(0);
  if (first === '1' || first === '7') return first;
  const two = digits.slice(0, 2);
  return TWO_DIGIT.has(two) ? two : digits.slice(0, 3);
}
