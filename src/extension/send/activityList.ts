/**
 * The Activity screen's list: every entry newest first, each send with its chain's explorer
 * link and whether it can still be sped up or cancelled. Pending sends are looked up on
 * their chain first (`settleOnce`), so a status settled while no worker was watching — a
 * restart, the ten-minute watch given up — is right as soon as the popup opens.
 */
import type { Address, Hex } from 'viem';
import type { ActivityView } from '../../messages/wallet.ts';
import { listActivity } from '../activity.ts';
import { settleOnce, watchTarget } from '../dapp/tx/receipt.ts';
import type { ActivityEntry, WalletDb } from '../db.ts';
import type { SendServices } from './services.ts';

/** How long the popup waits for the chains before it shows the list as stored. */
const RECHECK_BUDGET_MS = 3_000;

/** `services` undefined (a worker without chains wired): the list as stored, without links. */
export async function activityList(
  db: WalletDb,
  services: Pick<SendServices, 'chains' | 'rpc' | 'activity'> | undefined,
  account: Address | null,
): Promise<ActivityView[]> {
  if (services === undefined) return (await listActivity(db)).map((entry) => viewOf(entry, null, account));
  await Promise.race([
    recheckPending(await listActivity(db), services).catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, RECHECK_BUDGET_MS)),
  ]);
  const explorers = new Map<string, string | null>();
  const views: ActivityView[] = [];
  for (const entry of await listActivity(db)) {
    if (entry.chainId !== null && !explorers.has(entry.chainId))
      explorers.set(entry.chainId, (await services.chains.get(entry.chainId))?.explorerUrl ?? null);
    views.push(
      viewOf(entry, entry.chainId === null ? null : (explorers.get(entry.chainId) ?? null), account),
    );
  }
  return views;
}

async function recheckPending(
  entries: ActivityEntry[],
  services: Pick<SendServices, 'chains' | 'rpc' | 'activity'>,
): Promise<void> {
  const pending = entries.filter(
    (e): e is ActivityEntry & { hash: Hex; chainId: Hex } =>
      e.kind === 'send' && e.status === 'pending' && e.hash !== null && e.chainId !== null,
  );
  await Promise.all(
    pending.map(async (entry) => {
      const chain = await services.chains.get(entry.chainId);
      if (chain !== undefined)
        await settleOnce(watchTarget(entry, chain.rpcUrl), services.rpc, services.activity);
    }),
  );
}

function viewOf(entry: ActivityEntry, explorerUrl: string | null, account: Address | null): ActivityView {
  return {
    id: entry.id,
    kind: entry.kind,
    origin: entry.origin,
    hash: entry.hash,
    status: entry.status,
    summary: entry.summary,
    at: entry.at,
    chainId: entry.chainId,
    explorerUrl:
      explorerUrl === null || entry.hash === null
        ? null
        : `${explorerUrl.replace(/\/+$/, '')}/tx/${entry.hash}`,
    replaceable:
      entry.kind === 'send' &&
      entry.status === 'pending' &&
      entry.tx !== undefined &&
      entry.tx.from.toLowerCase() === account?.toLowerCase(),
  };
}
