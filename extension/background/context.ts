/**
 * What every part of the background shares: the build's configuration and the wallet
 * database (opened once per worker start). dApp code (issue 8) takes `config.chains`,
 * `walletDb()` and the stores in src/extension/ (chains, permissions, activity) from here,
 * and the unlocked key from src/extension/keyring.ts.
 */
import { type ExtensionConfig, parseExtensionConfig } from '../../src/extension/config.ts';
import { openWalletDb, type WalletDb } from '../../src/extension/db.ts';

/** Replaced at build time by vite.config.ts (`define`). */
declare const __TRINE_CONFIG__: unknown;

export const config: ExtensionConfig = parseExtensionConfig(__TRINE_CONFIG__);

let db: Promise<WalletDb> | undefined;

export function walletDb(): Promise<WalletDb> {
  db ??= openWalletDb().catch((error: unknown) => {
    db = undefined; // try again at the next call
    throw error;
  });
  return db;
}
