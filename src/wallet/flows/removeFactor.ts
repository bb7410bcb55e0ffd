/**
 * Remove a factor = refresh without it (refreshShares.ts): new lines for the same k and m,
 * new shares for every remaining factor, a new dealing installed on the nodes. Once the
 * nodes install it, the removed factor's share (of the old epoch) lies on the line of no
 * share the nodes serve, and the old dealings open for no one (the inbox keys they were
 * sealed to are deleted).
 */
import type { Login, WalletBackend } from '../backend.ts';
import type { Progress } from '../progress.ts';
import type { WalletSession } from '../session.ts';
import { refreshShares } from './refreshShares.ts';

export type RemoveFactorParameters = {
  backend: WalletBackend;
  login: Login;
  session: WalletSession;
  factorPub: string;
  onProgress?: ((p: Progress) => void) | undefined;
};

export async function removeFactor({
  backend,
  login,
  session,
  factorPub,
  onProgress,
}: RemoveFactorParameters): Promise<void> {
  await refreshShares({ backend, login, session, remove: factorPub, onProgress });
}
