/**
 * dApps written for MetaMask work unchanged (issue 18). A dApp page written the way they are
 * (test/e2e/helpers/dapp/metamaskDapp.js: gates on `isMetaMask`, uses `enable()` and
 * `sendAsync`, compares the recovered signer with `accounts[0]` strictly, subscribes to
 * `newHeads` and to a contract's logs) goes through connect, chain id, personal_sign +
 * personal_ecRecover, typed data v1 / v3 / v4, a legacy and an EIP-1559 send, add and switch
 * chain, a rejection and revoke, on the real local chain; every signature is verified with
 * MetaMask's own @metamask/eth-sig-util as well as viem. Also: docs/DAPPS.md's method table
 * against the real provider, the MetaMask-compatibility setting both ways (globally and per
 * site), and a cross-origin iframe that cannot use its top page's permission.
 */
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
  typedSignatureHash,
} from '@metamask/eth-sig-util';
import type { Page } from '@playwright/test';
import { type Hex, parseEther, recoverAddress, verifyMessage, verifyTypedData } from 'viem';
import { type Anvil, startAnvil } from '../unit/dapp/anvil.ts';
import { deployPing, PING_TOPIC } from '../unit/dapp/pingContract.ts';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { type MetaMaskDapp, metaMaskDappPage } from './helpers/dapp/metamaskDapp.ts';
import { documentedMethods } from './helpers/methodTable.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';

type Win = Window & { mm: MetaMaskDapp; ethereum: Record<string, unknown> };
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const mail = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: {
    name: 'Ether Mail',
    version: '1',
    chainId: 31337,
    verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
  },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};
const legacyTyped = [
  { type: 'string', name: 'Message', value: 'Hi, Alice!' },
  { type: 'uint32', name: 'A number', value: '1337' },
];

let siteA: PageServer;
let siteB: PageServer;
let framed: PageServer;
let second: Anvil;
test.beforeAll(async () => {
  [siteA, siteB, second] = await Promise.all([
    startPageServer({ '/': metaMaskDappPage() }),
    startPageServer({ '/': metaMaskDappPage() }),
    startAnvil({ chainId: 1337 }),
  ]);
  framed = await startPageServer({ '/': metaMaskDappPage({ frame: siteB.url }) });
});
test.afterAll(async () => {
  await Promise.all([siteA?.close(), siteB?.close(), framed?.close(), second?.stop()]);
});

const mmOf =
  (page: Page) =>
  <K extends keyof MetaMaskDapp>(name: K, ...args: unknown[]) =>
    page.evaluate(
      ({ name, args }) => {
        const member = (window as unknown as Win).mm[name];
        return typeof member === 'function' ? (member as (...a: unknown[]) => unknown)(...args) : member;
      },
      { name, args },
    ) as Promise<MetaMaskDapp[K] extends (...a: never[]) => infer R ? Awaited<R> : MetaMaskDapp[K]>;

/** Click the dApp's own "Connect MetaMask" button, approve, answer what its handler answered. */
async function connectWithButton(page: Page, context: Parameters<typeof withApproval>[0]) {
  return withApproval(
    context,
    () => page.evaluate(() => (window as unknown as Win).mm.start()),
    async (window) => {
      await expect(window.getByTestId('origin')).toHaveText(new URL(page.url()).origin);
      await press('Connect')(window);
    },
  );
}

test('docs/DAPPS.md’s method table holds against the real provider; the legacy entry points answer as MetaMask’s', async ({
  stack: _stack,
  context,
}) => {
  test.setTimeout(120_000);
  // No wallet yet: nothing can open an approval; the provider still answers every method.
  const page = await context.newPage();
  await page.goto(siteA.url);
  const rows = documentedMethods();
  const answers = await page.evaluate(
    (methods) =>
      Promise.all(
        methods.map((method) =>
          ((window as unknown as Win).ethereum.request as (a: unknown) => Promise<unknown>)({
            method,
            params: [],
          }).then(
            () => ({ method, code: null, message: null }),
            (e: { code: number; message: string }) => ({ method, code: e.code, message: e.message }),
          ),
        ),
      ),
    rows.map((r) => r.method),
  );
  for (const [i, row] of rows.entries()) {
    const answer = answers[i]!;
    if (row.answer === 'refused')
      expect(answer, row.method).toEqual({ method: row.method, code: row.code, message: row.message });
    else expect(answer.code, `${row.method}: ${answer.message}`).not.toBe(4200);
  }
  // The legacy entry points the doc lists are there.
  expect(
    await page.evaluate(() => {
      const e = (window as unknown as Win).ethereum;
      return ['enable', 'send', 'sendAsync', 'isConnected', 'on', 'once', 'off', 'removeAllListeners'].filter(
        (name) => typeof e[name] !== 'function',
      );
    }),
  ).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as Win).ethereum.isTrine)).toBe(true);

  // The legacy entry points answer as MetaMask's do: a batch gets every response (errors
  // included) with a null error; send(payload, callback) is sendAsync; an asynchronous
  // method without a callback throws; a single failure reaches the callback's error.
  const legacy = await page.evaluate(async () => {
    type Cb = (error: { code?: number } | null, response: unknown) => void;
    const e = (window as unknown as Win).ethereum as unknown as {
      sendAsync(p: unknown, cb: Cb): void;
      send(p: unknown, cb?: Cb): unknown;
    };
    const call = (f: (cb: Cb) => void) =>
      new Promise<{ error: number | null; response: unknown }>((resolve) =>
        f((error, response) => resolve({ error: error === null ? null : (error.code ?? -1), response })),
      );
    const batch = await call((cb) =>
      e.sendAsync(
        [
          { id: 1, jsonrpc: '2.0', method: 'eth_chainId' },
          { id: 2, jsonrpc: '2.0', method: 'eth_sign', params: [] },
        ],
        cb,
      ),
    );
    const viaSend = await call((cb) => e.send({ id: 3, jsonrpc: '2.0', method: 'net_version' }, cb));
    const failed = await call((cb) =>
      e.sendAsync({ id: 4, jsonrpc: '2.0', method: 'eth_sign', params: [] }, cb),
    );
    let syncError = '';
    try {
      e.send({ id: 5, jsonrpc: '2.0', method: 'eth_blockNumber' });
    } catch (error) {
      syncError = (error as Error).message;
    }
    return { batch, viaSend, failed, syncError };
  });
  expect(legacy.batch).toMatchObject({
    error: null,
    response: [
      { id: 1, jsonrpc: '2.0', result: '0x7a69' },
      { id: 2, jsonrpc: '2.0', error: { code: 4200 } },
    ],
  });
  expect(legacy.viaSend).toEqual({ error: null, response: { id: 3, jsonrpc: '2.0', result: '31337' } });
  expect(legacy.failed).toMatchObject({ error: 4200, response: { id: 4, error: { code: 4200 } } });
  expect(legacy.syncError).toContain('does not support synchronous methods like eth_blockNumber');
});

test('a MetaMask-style dApp: connect, sign (v1/v3/v4, ecRecover), legacy and EIP-1559 sends, subscriptions, chains, revoke', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(300_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'metamask');
  const me = address.toLowerCase();
  await fund(stack.urls.chain, address, parseEther('10'));
  const contract = await deployPing(stack.urls.chain);

  const page = await context.newPage();
  await page.goto(siteA.url);
  const mm = mmOf(page);

  // The gate passes; connect through enable(); the chain through a sendAsync batch.
  expect(await connectWithButton(page, context)).toEqual({
    gated: true,
    accounts: [me],
    chainId: '0x7a69',
    netVersion: '31337',
  });
  await expect(page.locator('#status')).toHaveText(`Connected ${me}`);
  expect(await mm('accountsNow')).toEqual([me]);
  expect(await mm('legacySend')).toEqual({
    response: { jsonrpc: '2.0', result: '0x7a69' },
    sync: { id: 7, jsonrpc: '2.0', result: [me] },
  });

  // Subscriptions: new heads, and the logs of the contract deployed for this test.
  const heads = await mm('subscribe', 'newHeads');
  const logs = await mm('subscribe', 'logs', { address: contract, topics: [PING_TOPIC] });
  expect(heads).toEqual({ ok: expect.stringMatching(/^0x[0-9a-f]+$/) });
  expect(logs).toEqual({ ok: expect.stringMatching(/^0x[0-9a-f]+$/) });

  // personal_sign, and the dApp's own strict check through personal_ecRecover.
  const signed = await withApproval(
    context,
    () => mm('personalSign', 'Sign in to the MetaMask-style dApp'),
    async (window) => {
      await expect(window.getByTestId('message')).toHaveText('Sign in to the MetaMask-style dApp');
      await press('Sign')(window);
    },
  );
  if (!('ok' in signed)) throw new Error(JSON.stringify(signed));
  expect(signed.ok).toMatchObject({ recovered: me, matches: true });
  expect(recoverPersonalSignature({ data: signed.ok.message, signature: signed.ok.signature })).toBe(me);
  expect(
    await verifyMessage({ address, message: { raw: signed.ok.message }, signature: signed.ok.signature }),
  ).toBe(true);

  // Typed data v1 (legacy array), v3 and v4: the same screen, verified by eth-sig-util and viem.
  const v1 = await withApproval(
    context,
    () => mm('signTypedV1', legacyTyped),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Sign typed data' })).toBeVisible();
      await expect(window.getByText('Legacy typed data (v1)')).toBeVisible();
      await expect(window.getByText('Hi, Alice!')).toBeVisible();
      await expect(window.getByRole('alert')).toContainText('not bound to a chain');
      await press('Sign')(window);
    },
  );
  if (!('ok' in v1)) throw new Error(JSON.stringify(v1));
  expect(
    recoverTypedSignature({ data: legacyTyped, signature: v1.ok, version: SignTypedDataVersion.V1 }),
  ).toBe(me);
  expect(
    (await recoverAddress({ hash: typedSignatureHash(legacyTyped) as Hex, signature: v1.ok })).toLowerCase(),
  ).toBe(me);
  for (const [method, version] of [
    ['signTypedV3', SignTypedDataVersion.V3],
    ['signTypedV4', SignTypedDataVersion.V4],
  ] as const) {
    const typed = await withApproval(
      context,
      () => mm(method, mail),
      async (window) => {
        await expect(window.getByText('Hello, Bob!')).toBeVisible();
        await expect(window.getByText('31337', { exact: true })).toBeVisible();
        await press('Sign')(window);
      },
    );
    if (!('ok' in typed)) throw new Error(`${method}: ${JSON.stringify(typed)}`);
    expect(recoverTypedSignature({ data: mail as never, signature: typed.ok, version })).toBe(me);
    expect(
      await verifyTypedData({
        ...(mail as never as Parameters<typeof verifyTypedData>[0]),
        address,
        signature: typed.ok,
      }),
    ).toBe(true);
  }

  // A legacy (type 0) call of the contract: mined from our account; its log reaches the subscription.
  const legacySend = await withApproval(
    context,
    () => mm('send', { to: contract, data: '0x0a', type: '0x0' }),
    press('Send'),
  );
  if (!('ok' in legacySend)) throw new Error(JSON.stringify(legacySend));
  expect(legacySend.ok.receipt).toMatchObject({ status: '0x1', from: me, to: contract.toLowerCase() });
  expect(legacySend.ok.tx).toMatchObject({ type: '0x0' });
  // An EIP-1559 send of 1.5 ETH.
  const sent = await withApproval(
    context,
    () => mm('send', { to: recipient, value: `0x${parseEther('1.5').toString(16)}` }),
    async (window) => {
      await expect(window.getByText('1.5 ETH', { exact: true })).toBeVisible();
      await press('Send')(window);
    },
  );
  if (!('ok' in sent)) throw new Error(JSON.stringify(sent));
  expect(sent.ok.receipt).toMatchObject({ status: '0x1', from: me, to: recipient.toLowerCase() });
  expect(sent.ok.tx).toMatchObject({ type: '0x2', value: `0x${parseEther('1.5').toString(16)}` });

  // The subscriptions delivered, as `message` events: the heads of both blocks, the contract's log.
  const messages = () => page.evaluate(() => (window as unknown as Win).mm.messages);
  await expect
    .poll(
      async () =>
        (await messages()).filter((m) => m.data.subscription === (heads as { ok: string }).ok).length,
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(async () => (await messages()).filter((m) => m.data.subscription === (logs as { ok: string }).ok), {
      timeout: 15_000,
    })
    .toEqual([
      {
        type: 'eth_subscription',
        data: {
          subscription: (logs as { ok: string }).ok,
          result: expect.objectContaining({
            address: contract.toLowerCase(),
            data: '0x0a',
            transactionHash: legacySend.ok.hash,
          }),
        },
      },
    ]);
  const head = (await messages()).find((m) => m.data.subscription === (heads as { ok: string }).ok)!;
  expect(head.data.result).toMatchObject({
    number: expect.stringMatching(/^0x/),
    hash: expect.stringMatching(/^0x/),
  });
  expect(await mm('unsubscribe', (heads as { ok: string }).ok)).toEqual({ ok: true });

  // A rejection is 4001.
  const rejected = await withApproval(context, () => mm('personalSign', 'never signed'), press('Reject'));
  expect(rejected).toMatchObject({ error: { code: 4001 } });

  // Add a second chain (and switch to it), then switch back.
  await withApproval(
    context,
    () => mm('addChain', '0x539', second.url),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Add a network' })).toBeVisible();
      await press('Add and switch')(window);
    },
  );
  await expect.poll(() => mm('chainId')).toBe('0x539');
  expect(await withApproval(context, () => mm('switchChain', '0x7a69'), press('Switch'))).toEqual({
    ok: null,
  });
  await expect.poll(() => mm('chainId')).toBe('0x7a69');

  // Revoke: the dApp hears accountsChanged [] and sees no account.
  expect(await mm('revoke')).toEqual({ ok: null });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Win).mm.events.at(-1)))
    .toEqual({
      event: 'accountsChanged',
      data: [],
    });
  expect(await mm('accountsNow')).toEqual([]);
  expect(await mm('request', 'personal_sign', ['0x6869', me])).toMatchObject({ error: { code: 4100 } });
});

test('the MetaMask flag: on by default, off globally and per site from Sites, and the dApp’s gate follows', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  await unlockedWallet(context, openExtensionPage, 'mmflag');
  const a = await context.newPage();
  await a.goto(siteA.url);
  expect(await connectWithButton(a, context)).toMatchObject({ gated: true });
  const b = await context.newPage();
  await b.goto(siteB.url);

  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.getByRole('button', { name: 'Sites' }).click();
  const global = popup.getByRole('checkbox', { name: 'MetaMask compatibility for every site' });
  const forA = popup.getByRole('checkbox', { name: `MetaMask compatibility for ${siteA.url}` });
  await expect(global).toBeChecked();
  await expect(forA).toBeChecked();

  /** What each page's dApp sees after a reload: its gate, and the provider's flags. */
  const gateOf = async (page: Page, start = true) => {
    await page.reload();
    // The setting reaches the provider within the page's first moments (the content script reads it at load).
    await page.waitForTimeout(300);
    return page.evaluate(async (start) => {
      const w = window as unknown as Win;
      const flags = { isMetaMask: w.ethereum.isMetaMask, isTrine: w.ethereum.isTrine };
      if (!start) return flags;
      const started = (await w.mm.start()) as { gated?: boolean };
      return { gated: started.gated, ...flags };
    }, start);
  };

  // Off for every site: both dApps refuse ("Please install MetaMask"); isTrine stays.
  await global.click(); // the screen shows the new state once the background stored it
  await expect(global).not.toBeChecked();
  await expect(forA).not.toBeChecked(); // site A follows the global choice
  expect(await gateOf(b)).toEqual({ gated: false, isMetaMask: false, isTrine: true });
  await expect(b.locator('#status')).toHaveText('Please install MetaMask');
  expect(await gateOf(a)).toEqual({ gated: false, isMetaMask: false, isTrine: true });

  // On for site A only.
  await forA.click();
  await expect(forA).toBeChecked();
  expect(await gateOf(a)).toEqual({ gated: true, isMetaMask: true, isTrine: true });
  expect(await gateOf(b)).toEqual({ gated: false, isMetaMask: false, isTrine: true });

  // On for every site, off for site A only.
  await global.click();
  await expect(global).toBeChecked();
  await forA.click();
  await expect(global).toBeChecked();
  await expect(forA).not.toBeChecked();
  expect(await gateOf(a)).toEqual({ gated: false, isMetaMask: false, isTrine: true });
  // (Site B is not connected: starting its dApp would ask to connect; its provider says isMetaMask.)
  expect(await gateOf(b, false)).toEqual({ isMetaMask: true, isTrine: true });
});

test('a cross-origin iframe has its own origin: no use of the top page’s permission, its own approval', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'frames');
  const page = await context.newPage();
  await page.goto(framed.url);
  expect(await connectWithButton(page, context)).toMatchObject({
    gated: true,
    accounts: [address.toLowerCase()],
  });

  const frame = page.frameLocator('#frame');
  await expect(frame.locator('h1')).toHaveText('MetaMask-style dApp');
  const inner = page.frames().find((f) => f.url().startsWith(siteB.url));
  if (inner === undefined) throw new Error('the iframe did not load');
  const request = (method: string, params?: unknown[]) =>
    inner.evaluate(({ method, params }) => (window as unknown as Win).mm.request(method, params), {
      method,
      params,
    });
  // The provider is there (announced in the frame too), and it is not connected.
  expect(await inner.evaluate(() => (window as unknown as Win).ethereum.isTrine)).toBe(true);
  expect(await request('eth_accounts')).toEqual({ ok: [] });
  expect(await request('personal_sign', ['0x6869', address])).toMatchObject({ error: { code: 4100 } });
  // Asking shows the frame's own origin, not the top page's.
  const asked = await withApproval(
    context,
    () => request('eth_requestAccounts'),
    async (window) => {
      await expect(window.getByTestId('origin')).toHaveText(siteB.url);
      await press('Reject')(window);
    },
  );
  expect(asked).toMatchObject({ error: { code: 4001 } });
  // The top page still has its own grant.
  expect(await page.evaluate(() => (window as unknown as Win).mm.accountsNow())).toEqual([
    address.toLowerCase(),
  ]);
});
