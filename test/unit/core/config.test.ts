import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../../../core/config.js';
import { TelsentryError } from '../../../core/errors.js';

describe('validateConfig', () => {
  it('fills defaults', () => {
    expect(validateConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    [{ homeCountryCode: '084' }, /homeCountryCode must be 1–3 digits/],
    [{ timeZone: 'Mars/Olympus' }, /timeZone must be an IANA time zone name \(got "Mars\/Olympus"\)/],
    [{ allowedDisorderMs: -1 }, /allowedDisorderMs must be an integer in \[0, 86400000\] \(got -1\)/],
    [{ grpcPort: 70_000 }, /grpcPort must be an integer/],
    [{ nightStartHour: 24 }, /nightStartHour/],
    [{ unknownOption: 1 } as never, /unknownOption must be one of the known options/],
  ])('rejects %j with a message naming field, limit and value', (input, message) => {
    expect(() => validateConfig(input)).toThrowError(message);
    try {
      validateConfig(input);
    } catch (error) {
      expect(error).toBeInstanceOf(TelsentryError);
      expect((error as TelsentryError).code).toBe('CONFIG_INVALID');
    }
  });
});
