/**
 * A wallet service in one process with nothing real behind it but IndexedDB (fake-indexeddb)
 * and storage.session (memory): a fake OpenID provider (discovery, authorization redirect,
 * token endpoint; the id token carries the nonce the sign-in asked for) and a fake backend
 * whose node answers the test scripts. For the state machine; the real network is
 * test/integration/extension/.
 */
import 'fake-indexeddb/auto';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { extensionConfigFor } from '../../../src/extension/config.ts';
import { openWalletDb, type WalletDb } from '../../../src/extension/db.ts';
import type { AuthorizationChannel } from '../../../src/extension/oidc/signInWithProvider.ts';
import { memorySessionArea } from '../../../src/extension/sessionStore.ts';
import { type LockTimer, WalletService } from '../../../src/extension/walletService.ts';
import {
  type WalletMessage,
  WalletMessage as WalletMessageSchema,
  type WalletProgressEvent,
} from '../../../src/messages/wallet.ts';
import { parse } from '../../../src/protocol/parse.ts';
import type { Login, NetworkShare, WalletBackend } from '../../../src/wallet/backend.ts';

const issuer = 'https://id.example';
const clientId = 'trine-test';

export const network = {
  version: 1,
  threshold: 3,
  nodes: [1, 2, 3, 4, 5].map((index) => ({
    index,
    url: `https://node${index}.example`,
    signingKey: '11'.repeat(32),
    encryptionKey: '22'.repeat(32),
  })),
  metadata: { url: 'https://metadata.example', signingKey: '33'.repeat(32) },
  verifiers: [{ name: 'test', issuer, audiences: [clientId] }],
} as unknown as NetworkConfig;

/** What the fake nodes answer to one login; the test sets it before each sign-in. */
export type NodesAnswer = (login: Login) => Promise<NetworkShare>;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The provider: signs the user in as `email` and hands back an id token with the asked nonce. */
function fakeProvider(email: string) {
  let nonce = '';
  const runs: { interactive: boolean }[] = [];
  const channel: AuthorizationChannel = {
    redirectUri: 'https://extension.example/callback',
    async run({ url, state, interactive }) {
      runs.push({ interactive });
      nonce = new URL(url).searchParams.get('nonce') ?? '';
      return `https://extension.example/callback?state=${state}&code=code-1`;
    },
  };
  const fetchFn = (async (input: string | URL | Request) => {
    const url = String(input);
    if (url.endsWith('/.well-known/openid-configuration'))
      return Response.json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
      });
    if (url === `${issuer}/token`) {
      const claims = { iss: issuer, aud: clientId, nonce, email, sub: email, iat: 1, exp: 2 };
      return Response.json({ id_token: `${b64url({ alg: 'none' })}.${b64url(claims)}.sig` });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { channel, fetchFn, runs };
}

/** A backend that only scripts the nodes' answer; the record server is never reached here. */
function fakeBackend(answer: { current: NodesAnswer }) {
  const calls: string[] = [];
  const never = (what: string) => async () => {
    calls.push(what);
    throw new Error(`the fake backend does not ${what}`);
  };
  const backend = {
    network,
    fetchNetworkShare: async (login: Login) => {
      calls.push('fetchNetworkShare');
      return answer.current(login);
    },
    attest: never('attest'),
    installDealing: never('installDealing'),
    createRecord: never('createRecord'),
    readRecord: never('readRecord'),
    writeRecord: never('writeRecord'),
  } as unknown as WalletBackend;
  return { backend, calls };
}

let dbCount = 0;

export async function fakeWallet(email = 'alice@example.test') {
  const db: WalletDb = await openWalletDb(`trine-unit-wallet-${process.pid}-${dbCount++}`);
  const area = memorySessionArea();
  const clock = { offset: 0 };
  const timer = { at: null as number | null };
  const lockTimer: LockTimer = {
    schedule: (at) => {
      timer.at = at;
    },
    cancel: () => {
      timer.at = null;
    },
  };
  const events: WalletProgressEvent[] = [];
  const answer = { current: (async () => Promise.reject(new Error('no answer scripted'))) as NodesAnswer };
  const provider = fakeProvider(email);
  const { backend, calls } = fakeBackend(answer);
  const service = new WalletService({
    config: extensionConfigFor(network, [
      { chainId: '0x7a69', name: 'Local', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' },
    ]),
    db: async () => db,
    backend,
    sessionArea: area,
    channel: provider.channel,
    lockTimer,
    broadcast: (e) => events.push(e),
    now: () => Date.now() + clock.offset,
    fetchFn: provider.fetchFn,
  });
  // As the router does: every call is validated against the contract first.
  const call = <M extends WalletMessage>(m: M) =>
    service.handle(parse(WalletMessageSchema, m, 'message') as M) as Promise<unknown>;
  return { service, db, area, clock, timer, events, answer, calls, runs: provider.runs, call };
}

/** The code a call fails with, or 'no error'. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}
