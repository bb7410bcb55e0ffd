/**
 * Per-origin permissions (store only; issue 8 decides what a dApp may do and when to ask).
 */
import type { Permission, WalletDb } from './db.ts';

export const getPermission = (db: WalletDb, origin: string): Promise<Permission | undefined> =>
  db.get('permissions', origin);

export async function putPermission(db: WalletDb, permission: Permission): Promise<void> {
  await db.put('permissions', permission);
}

export const removePermission = (db: WalletDb, origin: string): Promise<void> =>
  db.delete('permissions', origin);

export const listPermissions = (db: WalletDb): Promise<Permission[]> => db.getAll('permissions');
