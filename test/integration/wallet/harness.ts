/**
 * A real local network for wallet tests: the dev OpenID provider, N node processes and
 * the metadata server on loopback, each test file on its own ports and data directory.
 * `loginAs` performs a real OpenID authorization-code login whose nonce is bound to a fresh
 * session key, exactly as the extension does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { generateRecoveryPhrase } from '../../../src/crypto/factors/phrase.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { devLogin } from '../../../src/oidc/devLogin.ts';
import { type Stack, startStack } from '../../../src/stack/stack.ts';
import type { Login, WalletBackend } from '../../../src/wallet/backend.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { newLoginKeys } from '../../../src/wallet/loginKeys.ts';
import { createNetworkBackend } from '../../../src/wallet/networkBackend.ts';

export type WalletHarness = {
  stack: Stack;
  backend: WalletBackend;
  loginAs(account: string): Promise<Login>;
  stop(): Promise<void>;
};

export async function startWalletHarness({
  portOffset,
  nodes = 5,
  threshold = 3,
  store = 'sqlite',
  pgSchema,
}: {
  portOffset: number;
  nodes?: number;
  threshold?: number;
  store?: string;
  pgSchema?: string;
}): Promise<WalletHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'trine-wallet-'));
  const stack = await startStack({
    dir,
    nodes,
    threshold,
    portOffset,
    services: ['oidc', 'nodes', 'metadata'],
    store: store as 'sqlite',
    ...(pgSchema ? { pgSchema } : {}),
  });
  const backend = createNetworkBackend(stack.network, { timeoutMs: 5_000 });
  return {
    stack,
    backend,
    async loginAs(account) {
      const { session, candidate, nonce } = await newLoginKeys();
      const idToken = await devLogin({
        issuer: stack.urls.issuer,
        clientId: stack.clientId,
        redirectUri: stack.urls.oidcCallback,
        account,
        nonce,
      });
      return { verifier: stack.network.verifiers[0]!.name, idToken, session, candidate };
    },
    async stop() {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A throw-away identity at the dev provider, unique per call. */
export const freshAccount = (label: string) =>
  `test-${label}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** The TrineError code a promise rejects with ('no error' when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return isTrineError(err) ? err.code : String(err);
  }
}

/** A registered wallet with a device key, a passkey-like key and a recovery phrase. */
export async function registerWallet(h: WalletHarness, label: string) {
  const account = freshAccount(label);
  const device = generateDeviceKey();
  const passkey = generateDeviceKey();
  const phrase = generateRecoveryPhrase();
  const reg = await signIn({
    backend: h.backend,
    login: await h.loginAs(account),
    enrol: () => [
      { type: 'device', factorKey: device, label: 'device' },
      { type: 'passkey', factorKey: passkey, label: 'passkey' },
      { type: 'phrase', factorKey: phrase.factorKey, label: 'phrase' },
    ],
  });
  if (reg.kind !== 'registered') throw new Error('expected a new wallet');
  return { account, device, passkey, phrase, session: reg.session };
}
