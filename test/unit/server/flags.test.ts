/**
 * One flag naming for both servers: the canonical spelling, the deprecated alias (with a
 * warning), both at once refused, unknown flags and bad values refused naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { nonNegativeInteger, parseFlags, positiveNumber } from '../../../src/server/flags.ts';

const spec = { 'address-rate': { default: '200' }, 'user-rate': {}, port: {} };
const deprecated = { 'rate-address': 'address-rate', 'rate-user': 'user-rate' };

function refused(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isTrineError(error, 'invalid-input')) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseFlags', () => {
  it('reads the canonical spelling and applies defaults', () => {
    const warnings: string[] = [];
    const flags = parseFlags(['--user-rate', '5'], spec, deprecated, (l) => warnings.push(l));
    expect(flags).toEqual({ 'address-rate': '200', 'user-rate': '5', port: undefined });
    expect(warnings).toEqual([]);
  });

  it('maps a deprecated spelling to the new name, with one warning', () => {
    const warnings: string[] = [];
    const flags = parseFlags(['--rate-address', '7', '--rate-user', '0'], spec, deprecated, (l) =>
      warnings.push(l),
    );
    expect(flags['address-rate']).toBe('7');
    expect(flags['user-rate']).toBe('0');
    expect(warnings).toEqual([
      'warning: --rate-address is deprecated, use --address-rate',
      'warning: --rate-user is deprecated, use --user-rate',
    ]);
  });

  it('refuses both spellings at once, and unknown flags', () => {
    expect(
      refused(() => parseFlags(['--rate-user', '1', '--user-rate', '2'], spec, deprecated, () => {})),
    ).toBe('--rate-user: is the deprecated spelling of --user-rate; give only --user-rate');
    expect(refused(() => parseFlags(['--user-rates', '1'], spec, deprecated))).toMatch(/--user-rates/);
    expect(refused(() => parseFlags(['--port'], spec, deprecated))).toMatch(/--port/);
  });
});

describe('flag values', () => {
  it('positive numbers', () => {
    expect(positiveNumber('identity-rate', '0.5')).toBe(0.5);
    expect(positiveNumber('identity-rate', undefined)).toBeUndefined();
    for (const bad of ['0', '-1', 'fast', '', 'Infinity'])
      expect(refused(() => positiveNumber('identity-rate', bad))).toBe(
        `--identity-rate: expected a positive number, got "${bad}"`,
      );
  });

  it('non-negative integers (0 = off)', () => {
    expect(nonNegativeInteger('user-rate', '0')).toBe(0);
    for (const bad of ['1.5', '-2', 'x', ' '])
      expect(refused(() => nonNegativeInteger('user-rate', bad))).toBe(
        `--user-rate: expected a non-negative integer, got "${bad}"`,
      );
  });
});
