import { describe, expect, it } from 'vitest';
import {
  memoryPermissionStore,
  permittedAccounts,
  toEip2255,
} from '../../../src/extension/dapp/permissions.ts';

const me = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

describe('permissions', () => {
  it('are per origin: scheme, host and port all count', async () => {
    const store = memoryPermissionStore();
    await store.put({ origin: 'http://a.test', accounts: [me], grantedAt: 1 });
    expect(await permittedAccounts(store, 'http://a.test', me)).toEqual([me]);
    for (const origin of ['https://a.test', 'http://a.test:8080', 'http://b.a.test', 'http://b.test'])
      expect(await permittedAccounts(store, origin, me)).toEqual([]);
  });

  it('show nothing while locked or for another account', async () => {
    const store = memoryPermissionStore();
    await store.put({ origin: 'http://a.test', accounts: [me], grantedAt: 1 });
    expect(await permittedAccounts(store, 'http://a.test', null)).toEqual([]);
    expect(await permittedAccounts(store, 'http://a.test', other)).toEqual([]);
    // Address case does not matter.
    expect(await permittedAccounts(store, 'http://a.test', me.toLowerCase() as `0x${string}`)).toHaveLength(
      1,
    );
  });

  it('revoke removes only that origin; list is sorted', async () => {
    const store = memoryPermissionStore();
    await store.put({ origin: 'http://b.test', accounts: [me], grantedAt: 2 });
    await store.put({ origin: 'http://a.test', accounts: [me], grantedAt: 1 });
    expect((await store.list()).map((p) => p.origin)).toEqual(['http://a.test', 'http://b.test']);
    await store.remove('http://a.test');
    expect((await store.list()).map((p) => p.origin)).toEqual(['http://b.test']);
  });

  it('a stored permission is a copy: changing the caller`s array changes nothing', async () => {
    const store = memoryPermissionStore();
    const accounts: `0x${string}`[] = [me];
    await store.put({ origin: 'http://a.test', accounts, grantedAt: 1 });
    accounts.push(other);
    expect((await store.get('http://a.test'))?.accounts).toEqual([me]);
  });

  it('take the EIP-2255 shape', () => {
    expect(toEip2255({ origin: 'http://a.test', accounts: [me], grantedAt: 7 })).toEqual({
      invoker: 'http://a.test',
      parentCapability: 'eth_accounts',
      date: 7,
      caveats: [{ type: 'restrictReturnedAccounts', value: [me] }],
    });
  });
});
