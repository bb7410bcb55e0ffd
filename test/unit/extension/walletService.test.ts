/**
 * The wallet service's state machine with a fake backend and a fake OpenID provider: every
 * `wallet-*` message has its procedure; calls out of order say what to do and change
 * nothing; what the nodes answer decides the state; a lock during a sign-in wins; state
 * changes run one at a time. The real network is test/integration/extension/.
 */
import { describe, expect, it } from 'vitest';
import { TrineError } from '../../../src/errors/index.ts';
import { procedures } from '../../../src/extension/procedures/index.ts';
import { WalletMessage } from '../../../src/messages/wallet.ts';
import { codeOf, fakeWallet } from './fakeWallet.ts';

const unknownUser = () =>
  Promise.reject(
    new TrineError({
      code: 'user-unknown',
      message: '3 of 5 nodes do not know this user',
      details: { P: 'ab'.repeat(32), attestations: [] },
    }),
  );

describe('the wallet procedures table', () => {
  it('has exactly one procedure per wallet-* message', () => {
    const types = WalletMessage.options.map((o) => o.entries.type.literal).sort();
    expect(Object.keys(procedures).sort()).toEqual(types);
    // the two that do not count as use, and the read-only ones that need no queue
    expect(
      Object.entries(procedures)
        .filter(([, p]) => p.use === false)
        .map(([t]) => t)
        .sort(),
    ).toEqual(['wallet-lock', 'wallet-status']);
    expect(procedures['wallet-status'].exclusive).toBeUndefined();
    expect(procedures['wallet-sign-in'].exclusive).toBe(true);
  });
});

describe('the wallet service (fake backend)', () => {
  it('signed out: calls that need a login or an unlocked wallet say so and change nothing', async () => {
    const w = await fakeWallet();
    expect(await w.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    const register = w.call({
      type: 'wallet-register',
      first: { type: 'device', label: 'd' },
      withRecoveryPhrase: false,
    });
    const refused = await register.catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'sign-in-required', details: { why: 'no-login' } });
    expect(await codeOf(w.call({ type: 'wallet-unlock', proof: { type: 'device' } }))).toBe(
      'sign-in-required',
    );
    expect(await codeOf(w.call({ type: 'wallet-factors' }))).toBe('locked');
    expect(await codeOf(w.call({ type: 'wallet-balance' }))).toBe('locked');
    expect(await codeOf(w.call({ type: 'wallet-export-key', proof: { type: 'phrase', phrase: 'x' } }))).toBe(
      'locked',
    );
    expect(await codeOf(w.call({ type: 'wallet-add-factor', factor: { type: 'phrase', label: 'p' } }))).toBe(
      'locked',
    );
    expect(await codeOf(w.call({ type: 'wallet-sign-in', interactive: true, provider: 'nobody' }))).toBe(
      'invalid-input',
    );
    expect(w.runs).toHaveLength(0); // no provider was asked
    expect(w.calls).toEqual([]); // no node was asked
    expect(w.area.entries.size).toBe(0);
    expect(await w.db.count('deviceKeys')).toBe(0);
    expect(await w.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
  });

  it('nodes that do not know the login: registration is offered for 5 minutes, then forgotten', async () => {
    const w = await fakeWallet('carol@example.test');
    w.answer.current = unknownUser;
    expect(await w.call({ type: 'wallet-sign-in', interactive: true })).toEqual({
      ok: true,
      state: 'needs-registration',
      email: 'carol@example.test',
    });
    expect(w.runs).toEqual([{ interactive: true }]);
    expect(w.calls).toEqual(['fetchNetworkShare']);
    expect(await codeOf(w.call({ type: 'wallet-unlock', proof: { type: 'device' } }))).toBe(
      'sign-in-required',
    );
    expect(await w.call({ type: 'wallet-status' })).toMatchObject({ state: 'needs-registration' });
    w.clock.offset = 5 * 60_000 + 1;
    expect(await w.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    expect(
      await codeOf(
        w.call({ type: 'wallet-register', first: { type: 'device', label: 'd' }, withRecoveryPhrase: false }),
      ),
    ).toBe('sign-in-required');
    expect(w.area.entries.size).toBe(0);
  });

  it('too few nodes: the sign-in fails with their count and nothing is kept', async () => {
    const w = await fakeWallet();
    const failure = new TrineError({
      code: 'not-enough-nodes',
      message:
        'only 2 of 5 nodes could be used and 3 are needed (3 failed, disagreed or could not be reached)',
      details: { needed: 3, total: 5, usable: 2, failures: [] },
    });
    w.answer.current = () => Promise.reject(failure);
    const refused = await w.call({ type: 'wallet-sign-in', interactive: true }).catch((e: unknown) => e);
    expect(refused).toBe(failure);
    expect(await w.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    expect(w.area.entries.size).toBe(0);
    expect(w.timer.at).toBeNull();
  });

  it('a lock while the nodes are answering wins: the sign-in leaves nothing pending', async () => {
    const w = await fakeWallet();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let asked!: () => void;
    const nodesAsked = new Promise<void>((resolve) => {
      asked = resolve;
    });
    w.answer.current = async () => {
      asked();
      await answered;
      return unknownUser();
    };
    const signIn = w.call({ type: 'wallet-sign-in', interactive: true });
    await nodesAsked;
    expect(await w.call({ type: 'wallet-lock' })).toEqual({ ok: true, state: 'signed-out' });
    answer();
    expect(await signIn).toEqual({ ok: true, state: 'signed-out' });
    expect(await w.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
  });

  it('runs state changes one at a time: a second sign-in waits for the first', async () => {
    const w = await fakeWallet();
    let running = 0;
    let most = 0;
    w.answer.current = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return unknownUser();
    };
    const both = await Promise.all([
      w.call({ type: 'wallet-sign-in', interactive: true }),
      w.call({ type: 'wallet-sign-in', interactive: false }),
      w.call({ type: 'wallet-status' }),
    ]);
    expect(most).toBe(1);
    expect(both[0]).toMatchObject({ state: 'needs-registration' });
    expect(both[1]).toMatchObject({ state: 'needs-registration' });
    expect(w.runs).toEqual([{ interactive: true }, { interactive: false }]);
  });

  it('recover-options and chains answer without a login', async () => {
    const w = await fakeWallet();
    expect(await w.call({ type: 'wallet-recover-options' })).toEqual({
      ok: true,
      factorTypes: ['passkey', 'phrase', 'password', 'imported'],
    });
    // The configured chain first and selected, then the known public chains (knownChains.ts).
    const { chains } = (await w.call({ type: 'wallet-chains' })) as { chains: { chainId: string }[] };
    expect(chains[0]).toEqual({
      chainId: '0x7a69',
      name: 'Local',
      rpcUrl: 'http://127.0.0.1:1',
      symbol: 'ETH',
      selected: true,
      builtIn: true,
      explorerUrl: null,
    });
    expect(chains.map((c) => c.chainId)).toEqual([
      '0x7a69',
      '0x1',
      '0xaa36a7',
      '0x2105',
      '0xa',
      '0xa4b1',
      '0x89',
    ]);
    expect(await codeOf(w.call({ type: 'wallet-select-chain', chainId: '0x5' }))).toBe('invalid-input');
    expect(await w.call({ type: 'wallet-activity' })).toEqual({ ok: true, items: [] });
    expect(await w.call({ type: 'wallet-settings-set', autoLockMinutes: 5 })).toEqual({
      ok: true,
      state: 'signed-out',
    });
    expect(w.timer.at).toBeNull(); // nothing unlocked: no lock to schedule
  });
});
