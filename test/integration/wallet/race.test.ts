/**
 * Invariant 5, concurrent first logins: two devices register the same identity at once,
 * 100 times with random delays → exactly one wallet every time; the loser is told
 * (`already-registered`), and the winner's wallet is what every node and the record hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_300 });
});
afterAll(async () => {
  await h?.stop();
});

const TRIALS = 100;
const AT_ONCE = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function trial(i: number): Promise<void> {
  const account = freshAccount(`race${i}`);
  const keys = [generateDeviceKey(), generateDeviceKey()];
  const logins = await Promise.all([h.loginAs(account), h.loginAs(account)]);
  const outcomes = await Promise.allSettled(
    keys.map(async (factorKey, d) => {
      await sleep(Math.random() * 30);
      return signIn({
        backend: h.backend,
        login: logins[d]!,
        enrol: () => [{ type: 'device', factorKey, label: `device ${d}` }],
      });
    }),
  );
  const winners = outcomes.flatMap((o, d) =>
    o.status === 'fulfilled' && o.value.kind === 'registered' ? [{ d, session: o.value.session }] : [],
  );
  const losers = outcomes.filter((o) => o.status === 'rejected');
  expect(winners, `trial ${i}`).toHaveLength(1);
  expect(losers).toHaveLength(1);
  expect(isTrineError((losers[0] as PromiseRejectedResult).reason, 'already-registered')).toBe(true);
  const winner = winners[0]!;
  // The winner's key unlocks it; the loser's key is not part of it.
  const back = await login({
    backend: h.backend,
    login: await h.loginAs(account),
    proof: { kind: 'key', factorKey: keys[winner.d]! },
  });
  expect(back.session.address).toBe(winner.session.address);
  let loserCode = '';
  try {
    await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: keys[1 - winner.d]! },
    });
  } catch (err) {
    loserCode = isTrineError(err) ? err.code : String(err);
  }
  expect(loserCode).toBe('factor-not-recognised');
}

describe('two devices register at once', () => {
  it(`gives exactly one wallet in each of ${TRIALS} trials`, async () => {
    for (let start = 0; start < TRIALS; start += AT_ONCE) {
      await Promise.all(
        Array.from({ length: Math.min(AT_ONCE, TRIALS - start) }, (_, j) => trial(start + j)),
      );
    }
  }, 600_000);
});
