/**
 * An unlocked wallet for dApp tests, made through the background's own procedures as the
 * onboarding page would: `wallet-sign-in` at the development provider (its login page
 * driven like a user, as a throw-away identity) and `wallet-register` with a device key.
 *
 * @example
 * const { address } = await unlockedWallet(context, openExtensionPage);
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { WalletState } from '../../../src/messages/wallet.ts';
import { rpcCall } from '../../unit/dapp/anvil.ts';
import { signInAs, testAccount } from '../wallet-ui.ts';

export type UnlockedWallet = { address: `0x${string}`; account: string; extensionPage: Page };

export async function unlockedWallet(
  context: BrowserContext,
  openExtensionPage: (path: string) => Promise<Page>,
  prefix = 'dapp',
): Promise<UnlockedWallet> {
  const account = testAccount(prefix);
  // A quiet extension page to call the background from (the approval page only lists requests).
  const extensionPage = await openExtensionPage('pages/approval.html');
  const send = (message: unknown) =>
    extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<
      ({ ok: true } & WalletState) | { ok: false; error: { code: string; message: string } }
    >;

  let signedIn: ReturnType<typeof send> | undefined;
  await signInAs(
    context,
    account,
    async () => {
      signedIn = send({ type: 'wallet-sign-in', interactive: true });
    },
    async () => {
      while (signedIn === undefined) await new Promise((r) => setTimeout(r, 50));
      await signedIn;
    },
  );
  const afterSignIn = await signedIn!;
  expect(afterSignIn).toMatchObject({ ok: true, state: 'needs-registration' });
  const registered = await send({
    type: 'wallet-register',
    first: { type: 'device', label: 'e2e device' },
    withRecoveryPhrase: false,
  });
  if (!registered.ok || registered.state !== 'unlocked')
    throw new Error(`registration did not unlock: ${JSON.stringify(registered)}`);
  return { address: registered.address, account, extensionPage };
}

/** Give the wallet ether from anvil's first development account (unlocked in anvil). */
export async function fund(rpcUrl: string, address: string, wei: bigint): Promise<void> {
  const rpc = (method: string, params: unknown[]) => rpcCall(rpcUrl, method, params);
  const [dev] = (await rpc('eth_accounts', [])) as string[];
  const hash = await rpc('eth_sendTransaction', [{ from: dev, to: address, value: `0x${wei.toString(16)}` }]);
  await expect
    .poll(() => rpc('eth_getTransactionReceipt', [hash]), { timeout: 10_000 })
    .toMatchObject({ status: '0x1' });
}
