/**
 * Which sites may see the account, one record per origin. A permission is granted only
 * through the approval window and is never shared between origins: `http://a.test` and
 * `http://a.test:8080` are two sites. Shown to dApps in the EIP-2255 form.
 */
import type { Address } from 'viem';

export type SitePermission = { origin: string; accounts: Address[]; grantedAt: number };

export type PermissionStore = {
  get(origin: string): Promise<SitePermission | undefined>;
  put(permission: SitePermission): Promise<void>;
  remove(origin: string): Promise<void>;
  list(): Promise<SitePermission[]>;
};

/** EIP-2255 `Permission` for `eth_accounts`, as `wallet_getPermissions` returns it. */
export type Eip2255Permission = {
  invoker: string;
  parentCapability: 'eth_accounts';
  date: number;
  caveats: { type: 'restrictReturnedAccounts'; value: Address[] }[];
};

export function toEip2255(permission: SitePermission): Eip2255Permission {
  return {
    invoker: permission.origin,
    parentCapability: 'eth_accounts',
    date: permission.grantedAt,
    caveats: [{ type: 'restrictReturnedAccounts', value: [...permission.accounts] }],
  };
}

/** The accounts `origin` may see now: none when not connected or locked. */
export async function permittedAccounts(
  store: PermissionStore,
  origin: string,
  unlocked: Address | null,
): Promise<Address[]> {
  if (unlocked === null) return [];
  const permission = await store.get(origin);
  if (permission === undefined) return [];
  return permission.accounts.some((a) => a.toLowerCase() === unlocked.toLowerCase()) ? [unlocked] : [];
}

/** A store in memory: the reference implementation, used by tests and as a cache. */
export function memoryPermissionStore(): PermissionStore {
  const byOrigin = new Map<string, SitePermission>();
  return {
    get: async (origin) => byOrigin.get(origin),
    put: async (permission) => {
      byOrigin.set(permission.origin, { ...permission, accounts: [...permission.accounts] });
    },
    remove: async (origin) => {
      byOrigin.delete(origin);
    },
    list: async () => [...byOrigin.values()].sort((a, b) => a.origin.localeCompare(b.origin)),
  };
}
