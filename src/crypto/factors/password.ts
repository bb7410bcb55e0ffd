/**
 * Password factor: argon2id (m = 64 MiB, t = 3, p = 1) of the password with a random
 * per-user salt kept beside the factor in the record, reduced to a scalar.
 * The metadata operator holds the salt and the sealed share, so it can guess passwords
 * offline: the strength floor below rejects the passwords such guessing finds first, and the
 * user interface must say so.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { TrineError } from '../../errors/index.ts';
import { abytes, randomBytes, wipe } from '../bytes.ts';
import { hashToScalar } from '../hashToScalar.ts';
import { scalarToBytes } from '../scalar.ts';
import { TAG } from '../tags.ts';

export const PASSWORD_KDF = { t: 3, m: 64 * 1024, p: 1 } as const;
export const PASSWORD_SALT_BYTES = 16;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '123456789012',
  'qwertyuiopas',
  'iloveyou1234',
  'letmein12345',
  'correcthorsebatterystaple',
  'trustno1trustno1',
  'administrator',
  'welcome12345',
  'passw0rd1234',
]);

/** Why a password is too weak, or null when it passes the floor. */
export function passwordWeakness(password: string): string | null {
  if (typeof password !== 'string') return 'password must be text';
  const chars = [...password];
  if (chars.length < 12) return 'use at least 12 characters';
  if (chars.length > 256) return 'use at most 256 characters';
  if (COMMON.has(password.toLowerCase().replace(/\s+/g, ''))) return 'this password is too common';
  if (new Set(chars).size < 6) return 'use more different characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (chars.length < 16 && classes < 3)
    return 'mix upper case, lower case, digits or symbols, or use 16+ characters';
  const codes = chars.map((c) => c.codePointAt(0)!);
  let run = 1;
  for (let i = 1; i < codes.length; i++) {
    const step = codes[i]! - codes[i - 1]!;
    run = Math.abs(step) <= 1 ? run + 1 : 1;
    if (run >= 6) return 'avoid runs like "aaaaaa" or "123456"';
  }
  return null;
}

export function newPasswordSalt(): Uint8Array {
  return randomBytes(PASSWORD_SALT_BYTES);
}

/**
 * Factor key from a password. `enforceStrength` is true when the password is being set;
 * at login the floor is not applied again (the stored factor decides).
 */
export async function factorKeyFromPassword(
  password: string,
  salt: Uint8Array,
  { enforceStrength }: { enforceStrength: boolean },
): Promise<Uint8Array> {
  abytes(salt, PASSWORD_SALT_BYTES, 'salt');
  if (typeof password !== 'string' || password.length === 0)
    throw new TrineError({ code: 'invalid-input', message: 'password: must not be empty' });
  if (enforceStrength) {
    const reason = passwordWeakness(password);
    if (reason)
      throw new TrineError({
        code: 'weak-password',
        message: `password too weak: ${reason}`,
        status: 400,
        details: { problem: reason },
      });
  }
  const stretched = await argon2idAsync(password.normalize('NFKC'), salt, { ...PASSWORD_KDF, dkLen: 32 });
  try {
    return scalarToBytes(hashToScalar(stretched, TAG.passwordFactor, 'factor-key'));
  } finally {
    wipe(stretched);
  }
}
