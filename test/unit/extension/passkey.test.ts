import { describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from '../../../src/crypto/bytes.ts';
import { prfSalt } from '../../../src/crypto/factors/prf.ts';
import { passkeyCreationOptions, passkeyRequestOptions, prfSupport } from '../../../src/extension/passkey.ts';

describe('passkey options', () => {
  it('create: discoverable, rp.id unset, PRF at the fixed salt, fresh challenge and user id', () => {
    const a = passkeyCreationOptions({ name: 'alice@trine.local', exclude: ['abc'] });
    const b = passkeyCreationOptions({ name: 'alice@trine.local' });
    expect(a.rp).toEqual({ name: 'Trine wallet' });
    expect(a.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'preferred',
    });
    expect(a.excludeCredentials).toEqual([{ id: 'abc', type: 'public-key' }]);
    const salt = (a.extensions as { prf: { eval: { first: Uint8Array } } }).prf.eval.first;
    expect(toHex(salt)).toBe(toHex(prfSalt()));
    expect(a.challenge).not.toBe(b.challenge);
    expect(a.user.id).not.toBe(b.user.id);
  });

  it('get: the same PRF salt, any of our passkeys or the listed ones', () => {
    const any = passkeyRequestOptions();
    expect(any.allowCredentials).toEqual([]);
    const salt = (any.extensions as { prf: { eval: { first: Uint8Array } } }).prf.eval.first;
    expect(toBase64Url(salt)).toBe(toBase64Url(prfSalt()));
    expect(passkeyRequestOptions(['id1']).allowCredentials).toEqual([{ id: 'id1', type: 'public-key' }]);
  });

  it('reads the PRF result: output, needs an assertion, or why not', () => {
    const out = new Uint8Array(32).fill(7);
    expect(prfSupport({ prf: { results: { first: out.buffer } } }, 'get')).toEqual({
      kind: 'output',
      prfOutput: '07'.repeat(32),
    });
    expect(prfSupport({ prf: { enabled: true } }, 'create')).toEqual({ kind: 'needs-assertion' });
    expect(prfSupport({}, 'create')).toMatchObject({ kind: 'unsupported', reason: 'browser' });
    expect(prfSupport({ prf: { enabled: false } }, 'create')).toMatchObject({ reason: 'authenticator' });
    expect(prfSupport({ prf: {} }, 'get')).toMatchObject({ reason: 'no-output' });
    expect(prfSupport({ prf: { results: { first: new Uint8Array(16) } } }, 'get')).toMatchObject({
      kind: 'unsupported',
    });
  });
});
