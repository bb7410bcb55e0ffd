import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/crypto/bytes.ts';
import {
  factorKeyFromPassword,
  newPasswordSalt,
  PASSWORD_KDF,
  PASSWORD_SALT_BYTES,
  passwordWeakness,
} from '../../../../src/crypto/factors/password.ts';
import { scalarFromBytes } from '../../../../src/crypto/scalar.ts';
import { expectTrineAsync } from '../helpers.ts';

const strong = 'violet-Harbor-93-quietly';

describe('password factor key (argon2id)', () => {
  it('uses argon2id with at least 64 MiB, 3 passes, and a 16-byte per-user salt', () => {
    expect(PASSWORD_KDF.m * 1024).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(PASSWORD_KDF.t).toBeGreaterThanOrEqual(3);
    expect(PASSWORD_SALT_BYTES).toBe(16);
    expect(newPasswordSalt()).toHaveLength(16);
    expect(toHex(newPasswordSalt())).not.toBe(toHex(newPasswordSalt()));
  });

  it('gives a valid scalar, and another salt gives another key (real parameters)', async () => {
    // the same password under the vector's salt gives the frozen key (test/vectors/factor-keys.json,
    // checked in vectors.test.ts); one more argon2id run here shows a per-user salt changes it
    const [frozen] = JSON.parse(
      readFileSync(new URL('../../../vectors/factor-keys.json', import.meta.url), 'utf8'),
    ).password as { password: string; salt: string; factorKey: string }[];
    const otherSalt = fromHex(frozen!.salt);
    otherSalt[0]! ^= 1;
    const key = await factorKeyFromPassword(frozen!.password, otherSalt, { enforceStrength: true });
    expect(scalarFromBytes(key) > 0n).toBe(true);
    expect(toHex(key)).not.toBe(frozen!.factorKey);
  });

  it('rejects weak passwords when one is set, with the reason, before any work', async () => {
    const cases: [string, RegExp][] = [
      ['short1A!', /at least 12/],
      ['Password123', /at least 12/],
      ['correct horse battery staple', /too common/],
      ['passw0rd1234', /too common/],
      ['abababababab', /different characters/],
      ['lowercaseonly', /mix upper case/],
      ['Xy9!aaaaaaqz', /avoid runs/],
      ['Qz!123456789x', /avoid runs/],
      ['x'.repeat(257), /at most 256/],
    ];
    for (const [password, reason] of cases) {
      expect(passwordWeakness(password)).toMatch(reason);
      const t0 = performance.now();
      const error = await expectTrineAsync(
        () => factorKeyFromPassword(password, new Uint8Array(16), { enforceStrength: true }),
        'weak-password',
      );
      expect(error.message).toMatch(reason);
      expect((error as unknown as { status: number }).status).toBe(400);
      expect(performance.now() - t0).toBeLessThan(200); // refused before argon2id runs
    }
    expect(passwordWeakness(strong)).toBeNull();
    expect(passwordWeakness('a long passphrase of several plain words')).toBeNull();
  });

  it('refuses an empty password and a wrong salt even at login', async () => {
    await expectTrineAsync(
      () => factorKeyFromPassword('', new Uint8Array(16), { enforceStrength: false }),
      'invalid-input',
    );
    await expect(
      factorKeyFromPassword(strong, new Uint8Array(15), { enforceStrength: false }),
    ).rejects.toThrow(RangeError);
  });
});
