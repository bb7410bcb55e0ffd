/**
 * Tokens and chains in Chromium against the real stack (issue 12). Tokens: a TestToken
 * deployed on the e2e chain is added by address in the popup (symbol and balance from the
 * chain); an address without code is refused with the reason and nothing listed; a dApp's
 * token transfer, once mined, moves the balance on the open Home screen (the background's
 * `wallet-activity-changed`); a dApp's `wallet_watchAsset`, approved, lists its token;
 * removing a token. Chains: Settings adds a network whose RPC serves another chain id →
 * refused; a second real anvil → listed, edited, selectable on Home (dApps hear
 * `chainChanged`), removed (the wallet falls back to the local chain). Screens in light and
 * dark under test-results/screens/. And the procedures themselves, called from an extension
 * page: malformed or refused input answers invalid-input with its reason, nothing changes.
 */
import { encodeFunctionData, erc20Abi, getAddress } from 'viem';
import { deployTestToken } from '../helpers/testToken.ts';
import { type Anvil, startAnvil } from '../unit/dapp/anvil.ts';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type { WindowWithEthereum } from './types.ts';
import { openPopup, screenshot } from './wallet-ui.ts';

type Recorder = Window & WindowWithEthereum & { chains: unknown[] };

let site: PageServer;
let second: Anvil;
test.beforeAll(async () => {
  site = await startPageServer({ '/': '<!doctype html><title>Token site</title><h1>Token site</h1>' });
  second = await startAnvil({ chainId: 1337 });
});
test.afterAll(async () => {
  await site?.close();
  await second?.stop();
});

test('tokens: added by address, refused when not a token, balance moves after a transfer, watchAsset, removed', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'tokens');
  const dollar = await deployTestToken(stack.urls.chain, {
    name: 'Test Dollar',
    symbol: 'TUSD',
    decimals: 6,
  });
  const gold = await deployTestToken(stack.urls.chain, { name: 'Test Gold', symbol: 'TGLD', decimals: 18 });
  await dollar.mint(address, 12_345_678n);
  await gold.mint(address, 3n * 10n ** 18n);
  await fund(stack.urls.chain, address, 10n ** 18n);

  const popup = await openPopup(openExtensionPage);
  const tokens = popup.getByRole('list', { name: /^Tokens on / });
  await expect(popup.getByText(/^No tokens followed on /)).toBeVisible();

  // Not a token: an account without code. The reason is shown and nothing is listed.
  await popup.getByRole('button', { name: 'Add token' }).click();
  const field = popup.getByLabel('Token contract address');
  await field.fill(getAddress('0x00000000000000000000000000000000000a11ce'));
  await popup.getByRole('button', { name: 'Add token' }).click();
  await expect(popup.getByRole('alert')).toContainText('not an ERC-20 token');
  await expect(popup.getByRole('alert')).toContainText('has no contract code');
  await screenshot(popup, 'popup-add-token-refused');
  await expect(tokens).toHaveCount(0);

  // A real token, typed in lower case: symbol and balance from the chain.
  await field.fill(dollar.address.toLowerCase());
  await popup.getByRole('button', { name: 'Add token' }).click();
  const dollarRow = tokens.getByRole('listitem').filter({ hasText: 'TUSD' });
  await expect(dollarRow).toContainText('Test Dollar');
  await expect(dollarRow.getByTestId('token-balance')).toHaveText('12.3456 TUSD');
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await screenshot(popup, 'popup-home-tokens');

  // A site sends 1 TUSD away; once mined, the open Home screen shows the new balance.
  const page = await context.newPage();
  await page.goto(site.url);
  await page.evaluate(() => {
    const w = window as unknown as Recorder;
    w.chains = [];
    w.ethereum!.on('chainChanged', (id) => w.chains.push(id));
  });
  const request = (method: string, params?: unknown) =>
    page.evaluate(
      ({ method, params }) =>
        (window as unknown as Recorder)
          .ethereum!.request(params === undefined ? { method } : { method, params: params as unknown[] })
          .then(
            (result) => ({ result }),
            (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
          ),
      { method, params },
    );
  await withApproval(context, () => request('eth_requestAccounts'), press('Connect'));
  const data = encodeFunctionData({
    abi: erc20Abi,
    functionName: 'transfer',
    args: ['0x00000000000000000000000000000000000b0b00', 1_000_000n],
  });
  const sent = await withApproval(
    context,
    () => request('eth_sendTransaction', [{ from: address.toLowerCase(), to: dollar.address, data }]),
    press('Send'),
  );
  expect(sent).toMatchObject({ result: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
  await expect(dollarRow.getByTestId('token-balance')).toHaveText('11.3456 TUSD');

  // wallet_watchAsset: a contradicting decimals is refused without a window; the real one is approved.
  expect(
    await request('wallet_watchAsset', {
      type: 'ERC20',
      options: { address: gold.address, symbol: 'TGLD', decimals: 6 },
    }),
  ).toMatchObject({ code: -32602, message: expect.stringContaining('do not match') });
  const watched = await withApproval(
    context,
    () =>
      request('wallet_watchAsset', {
        type: 'ERC20',
        options: { address: gold.address, symbol: 'TGLD', decimals: 18 },
      }),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Add a token' })).toBeVisible();
      await expect(window.getByTestId('watch-asset-address')).toHaveText(gold.address);
      await expect(window.getByText('3 TGLD')).toBeVisible();
      await screenshot(window, 'approval-watch-asset');
      await press('Add token')(window);
    },
  );
  expect(watched).toEqual({ result: true });
  await popup.reload();
  await expect(tokens.getByRole('listitem')).toHaveCount(2);
  await expect(
    tokens.getByRole('listitem').filter({ hasText: 'TGLD' }).getByTestId('token-balance'),
  ).toHaveText('3 TGLD');

  // Remove TUSD: gone, TGLD stays.
  await popup.getByRole('button', { name: 'Remove TUSD' }).click();
  await expect(tokens.getByRole('listitem')).toHaveCount(1);
  await expect(tokens).not.toContainText('TUSD');
  await expect(popup.getByRole('status').filter({ hasText: 'TUSD removed.' })).toBeAttached();
});

test('chains: a network whose RPC serves another chain is refused; a real one is added, edited, used and removed', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  await unlockedWallet(context, openExtensionPage, 'chains');
  const local = `0x${BigInt(await rpc(stack.urls.chain, 'eth_chainId')).toString(16)}`;
  const page = await context.newPage();
  await page.goto(site.url);
  await page.evaluate(() => {
    const w = window as unknown as Recorder;
    w.chains = [];
    w.ethereum!.on('chainChanged', (id) => w.chains.push(id));
  });
  await withApproval(
    context,
    () =>
      page.evaluate(() =>
        (window as unknown as Recorder).ethereum!.request({ method: 'eth_requestAccounts' }),
      ),
    press('Connect'),
  );

  const popup = await openPopup(openExtensionPage);
  await popup.getByRole('button', { name: 'Settings' }).click();
  const chains = popup.getByRole('list', { name: 'Chains' });
  await expect(chains.locator('[data-chain-id="0x1"]')).toContainText('built in');
  await expect(popup.getByRole('button', { name: 'Remove Ethereum' })).toHaveCount(0);

  // The RPC serves chain 1337, the form says 5: refused, nothing added.
  await popup.getByRole('button', { name: 'Add a network' }).click();
  await popup.getByLabel('Network name').fill('Second anvil');
  await popup.getByLabel('Chain ID').fill('5');
  await popup.getByLabel('RPC URL').fill(second.url);
  await popup.getByLabel('Currency symbol').fill('ETH');
  await popup.getByRole('button', { name: 'Add network' }).click();
  await expect(popup.getByRole('alert')).toContainText(`${second.url} serves chain 1337, not 5`);
  await screenshot(popup, 'popup-add-chain-refused');
  await expect(chains).not.toContainText('Second anvil');

  await popup.getByLabel('Chain ID').fill('1337');
  await popup.getByRole('button', { name: 'Add network' }).click();
  const row = chains.getByRole('listitem').filter({ hasText: 'Second anvil' });
  await expect(row).toContainText('id 1337');
  await expect(popup.getByRole('alert')).toHaveCount(0);

  // Edit its name (the RPC is checked again).
  await popup.getByRole('button', { name: 'Edit Second anvil' }).click();
  await popup.getByLabel('Network name').fill('Anvil two');
  await popup.getByRole('button', { name: 'Save network' }).click();
  const renamed = chains.getByRole('listitem').filter({ hasText: 'Anvil two' });
  await expect(renamed).toBeVisible();
  await screenshot(popup, 'popup-chains');

  // Use it from Home: its balance, no tokens; the site hears chainChanged.
  await popup.getByRole('button', { name: 'Home' }).click();
  await popup.getByLabel('Network').selectOption('0x539');
  await expect(popup.getByTestId('balance')).toHaveText('0');
  await expect(popup.getByText('No tokens followed on Anvil two.')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as Recorder).chains)).toEqual(['0x539']);

  // Remove it while in use: the wallet goes back to the local chain, and the site is told.
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByRole('button', { name: 'Remove Anvil two' }).click();
  await expect(popup.getByRole('dialog')).toContainText('switches to the first built-in network');
  await screenshot(popup, 'popup-remove-chain');
  await popup.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(chains).not.toContainText('Anvil two');
  await expect(chains.getByRole('listitem').filter({ hasText: 'in use' })).toHaveAttribute(
    'data-chain-id',
    local,
  );
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Recorder).chains))
    .toEqual(['0x539', local]);
  await popup.getByRole('button', { name: 'Home' }).click();
  await expect(popup.getByLabel('Network')).toHaveValue(local);
});

async function rpc(url: string, method: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
  });
  return ((await response.json()) as { result: string }).result;
}

test('token and chain procedures refuse bad input through the background and change nothing', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  const { extensionPage } = await unlockedWallet(context, openExtensionPage, 'tokens-bad');
  const send = (m: unknown) => extensionPage.evaluate((message) => chrome.runtime.sendMessage(message), m);
  const refused = (message: string | RegExp) => ({
    ok: false,
    error: {
      code: 'invalid-input',
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    },
  });
  const tokens = await send({ type: 'wallet-tokens' });
  const chains = await send({ type: 'wallet-chains' });
  expect(tokens).toMatchObject({ ok: true, tokens: [] });
  const nobody = getAddress('0x00000000000000000000000000000000000a11ce');
  const chain = { chainId: '0x539', name: 'Mine', rpcUrl: 'https://rpc.example.org', symbol: 'ETH' };
  const cases: [unknown, ReturnType<typeof refused>][] = [
    [{ type: 'wallet-add-token', address: '0x1234' }, refused(/address/)],
    [
      { type: 'wallet-add-token', address: nobody },
      refused(`address: not an ERC-20 token: ${nobody} has no contract code on this chain`),
    ],
    [
      { type: 'wallet-remove-token', address: nobody },
      refused(`address: ${nobody} is not in your token list`),
    ],
    [
      { type: 'wallet-add-chain', chain: { ...chain, chainId: '0x1' } },
      refused('chainId: Ethereum (1) is built in and cannot be changed'),
    ],
    [{ type: 'wallet-add-chain', chain: { ...chain, name: '' } }, refused(/name/)],
    [{ type: 'wallet-add-chain', chain: { ...chain, rpcUrl: 'javascript:alert(1)' } }, refused(/rpcUrl/)],
    [{ type: 'wallet-add-chain', chain: { ...chain, symbol: 'X'.repeat(13) } }, refused(/symbol/)],
    [{ type: 'wallet-edit-chain', chain }, refused('chainId: unknown chain 0x539')],
    [
      { type: 'wallet-remove-chain', chainId: '0x89' },
      refused('chainId: Polygon PoS (137) is built in and cannot be changed'),
    ],
    [{ type: 'wallet-remove-chain', chainId: '0x539' }, refused('chainId: unknown chain 0x539')],
  ];
  for (const [message, answer] of cases)
    expect(await send(message), JSON.stringify(message)).toMatchObject(answer);
  expect(await send({ type: 'wallet-tokens' })).toEqual(tokens);
  expect(await send({ type: 'wallet-chains' })).toEqual(chains);
});
