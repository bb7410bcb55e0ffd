/** The factors screen's list: the record's factors, labels from the private part. */
import type { FactorView } from '../messages/wallet.ts';
import type { WalletSession } from '../wallet/session.ts';
import type { FactorDescriptor } from './db.ts';

export function factorViews(
  session: WalletSession,
  local: readonly FactorDescriptor[],
  thisDevice: { devicePub: string | null; unlockedWith: string | null },
): FactorView[] {
  const labels = session.privatePart.factors;
  return session.state.record.factors.map((factor) => {
    const info = labels[factor.pub];
    const usedHere = local.find((d) => d.pub === factor.pub)?.lastUsedAt ?? null;
    const usedAnywhere = info?.lastUsedAt ?? null;
    const lastUsedAt =
      usedHere === null ? usedAnywhere : usedAnywhere === null ? usedHere : Math.max(usedHere, usedAnywhere);
    return {
      pub: factor.pub,
      type: factor.type,
      label: info?.label ?? factor.type,
      createdAt: info?.createdAt ?? 0,
      lastUsedAt,
      thisDevice: factor.pub === thisDevice.devicePub || factor.pub === thisDevice.unlockedWith,
    };
  });
}
