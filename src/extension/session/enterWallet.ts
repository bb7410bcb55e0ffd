/**
 * The wallet just opened (unlock, registration, recovery): the session state holds it, and
 * this browser notes which wallet it was, caches its record and when its factor was used.
 */
import type { WalletSession } from '../../wallet/session.ts';
import type { WalletContext } from '../procedures/procedure.ts';
import { cacheRecord, noteFactorUsed } from '../recordCache.ts';
import { setSetting } from '../settings.ts';
import type { UnlockFacts } from './sessionState.ts';

export async function enterWallet(
  ctx: WalletContext,
  session: WalletSession,
  facts: UnlockFacts,
): Promise<void> {
  await ctx.state.unlock(session, facts);
  const db = await ctx.db();
  const now = ctx.now();
  await setSetting(db, 'lastWallet', { P: session.P, email: facts.email });
  await cacheRecord(db, session.state, now);
  if (facts.factorPub !== null) await noteFactorUsed(db, facts.factorPub, now);
}
