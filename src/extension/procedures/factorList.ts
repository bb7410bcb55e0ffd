/** The factors screen's list for the unlocked wallet (shared by the factor procedures). */
import type { FactorView } from '../../messages/wallet.ts';
import { deviceKeyPub } from '../deviceKey.ts';
import { factorViews } from '../factorViews.ts';
import { factorDescriptors } from '../recordCache.ts';
import type { WalletContext } from './procedure.ts';

export async function factorList(ctx: WalletContext): Promise<FactorView[]> {
  const u = ctx.state.requireUnlocked();
  const db = await ctx.db();
  return factorViews(u.session, await factorDescriptors(db, u.session.P), {
    devicePub: await deviceKeyPub(db, u.session.P),
    unlockedWith: u.factorPub,
  });
}
