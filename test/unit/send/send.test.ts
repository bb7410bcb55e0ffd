/**
 * Send on a real anvil, through the same services a dApp transaction uses (in-memory
 * stores, the real nonce tracker, keyring and chain RPC): coin and ERC-20 sends land with
 * exactly the amount; "max" leaves nothing but unspent fee; every refusal sends nothing
 * (the nonce is unchanged); with automine off, a speed-up and a cancel replace the stuck
 * transaction (same nonce, ×1.1 fees) and the original's entry becomes replaced / cancelled;
 * the same on a chain without a base fee (legacy gas price).
 */
import { type Address, type Hex, parseEther } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { watchReceipt, watchTarget } from '../../../src/extension/dapp/tx/receipt.ts';
import { confirmSend } from '../../../src/extension/send/confirmSend.ts';
import { prepareSend } from '../../../src/extension/send/prepareSend.ts';
import { prepareReplacement } from '../../../src/extension/send/replace.ts';
import { deployTestToken, type TestToken } from '../../helpers/testToken.ts';
import { type Anvil, DEV_ADDRESS, rpcCall, startAnvil, waitForReceipt } from '../dapp/anvil.ts';
import { memoryServices, type TestServices } from '../dapp/memoryServices.ts';

const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

async function balance(url: string, address: Address): Promise<bigint> {
  return BigInt((await rpcCall(url, 'eth_getBalance', [address, 'latest'])) as string);
}
async function nonceOf(url: string, address: Address): Promise<number> {
  return Number(BigInt((await rpcCall(url, 'eth_getTransactionCount', [address, 'pending'])) as string));
}
async function fundedWallet(chain: Anvil, name: string, ether: string): Promise<TestServices> {
  const key = generatePrivateKey();
  const address = privateKeyToAddress(key);
  const hash = await rpcCall(chain.url, 'eth_sendTransaction', [
    // A gas price: the pre-London chain refuses anvil's default EIP-1559 fields.
    {
      from: DEV_ADDRESS,
      to: address,
      value: `0x${parseEther(ether).toString(16)}`,
      gasPrice: await rpcCall(chain.url, 'eth_gasPrice'),
    },
  ]);
  await waitForReceipt(chain.url, hash);
  return memoryServices({
    key,
    chains: [{ chainId: `0x${chain.chainId.toString(16)}` as Hex, name, rpcUrl: chain.url, symbol: 'ETH' }],
  });
}
/** Follow an entry to its end, as the background's watcher does. */
async function settled(services: TestServices, activityId: string, url: string) {
  const entry = services.entries.find((e) => e.id === activityId)!;
  return watchReceipt(
    watchTarget({ ...entry, hash: entry.hash! }, url),
    services.rpc,
    services.activity,
    (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
  );
}
async function refusedWith(
  services: TestServices,
  url: string,
  run: () => Promise<unknown>,
): Promise<string> {
  const before = await nonceOf(url, services.address);
  const error = await run().then(
    () => {
      throw new Error('not refused');
    },
    (e: { code?: string; message: string }) => e,
  );
  expect(await nonceOf(url, services.address)).toBe(before); // nothing was sent
  expect(services.entries).toHaveLength(0);
  return `${error.code}: ${error.message}`;
}

let chain: Anvil;
let legacy: Anvil;
let token: TestToken;
beforeAll(async () => {
  [chain, legacy] = await Promise.all([
    startAnvil({ chainId: 31337 }),
    startAnvil({ chainId: 31338, legacy: true }),
  ]);
  token = await deployTestToken(chain.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
}, 60_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), legacy?.stop()]);
});

describe('coin', () => {
  it('sends exactly the amount; the review is the dApp transaction view; activity keeps what was signed', async () => {
    const services = await fundedWallet(chain, 'Anvil', '2');
    const before = await balance(chain.url, recipient);
    const draft = await prepareSend(
      { to: recipient.toLowerCase(), amount: '0.25', token: null },
      services.address,
      services,
    );
    expect(draft.summary).toEqual({
      review: `Send 0.25 ETH to ${recipient}`,
      activity: `Sent 0.25 ETH to ${recipient}`,
    });
    expect(draft.tx).toMatchObject({ to: recipient, value: parseEther('0.25'), gas: 21_000n, data: '0x' });
    const { hash, activityId } = await confirmSend(draft, services);
    expect((await waitForReceipt(chain.url, hash)).status).toBe('0x1');
    expect(await balance(chain.url, recipient)).toBe(before + parseEther('0.25'));
    expect(await settled(services, activityId, chain.url)).toBe('confirmed');
    expect(services.entries[0]).toMatchObject({
      kind: 'send',
      origin: null,
      hash,
      status: 'confirmed',
      tx: {
        from: services.address,
        to: recipient,
        value: parseEther('0.25').toString(),
        nonce: 0,
        gas: '21000',
      },
    });
  });

  it('"max" sends the balance less the most the fee can be', async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    const start = await balance(chain.url, services.address);
    const draft = await prepareSend(
      { to: recipient, amount: 'max', token: null },
      services.address,
      services,
    );
    const fee =
      draft.tx.gas * (draft.tx.fees.type === 'eip1559' ? draft.tx.fees.maxFeePerGas : draft.tx.fees.gasPrice);
    expect(draft.tx.value).toBe(start - fee);
    const { hash } = await confirmSend(draft, services);
    await waitForReceipt(chain.url, hash);
    const left = await balance(chain.url, services.address);
    expect(left).toBeGreaterThanOrEqual(0n);
    expect(left).toBeLessThan(fee); // only the unspent part of the fee is left
  });

  it('refuses, sending nothing: more than the balance (with the fee), a bad checksum, zero, too many decimals', async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    const send = (to: string, amount: string) => () =>
      prepareSend({ to, amount, token: null }, services.address, services);
    expect(await refusedWith(services, chain.url, send(recipient, '1.5'))).toBe(
      'invalid-input: amount: 1.5 ETH is more than the balance, 1 ETH',
    );
    expect(await refusedWith(services, chain.url, send(recipient, '1'))).toMatch(
      /^invalid-input: amount: 1 ETH plus a fee of up to .* ETH is more than the balance, 1 ETH; at most 0\.99/,
    );
    expect(await refusedWith(services, chain.url, send(recipient.replace('C5', 'c5'), '0.1'))).toMatch(
      /checksum does not match/,
    );
    expect(await refusedWith(services, chain.url, send(recipient, '0'))).toMatch(/more than zero/);
    expect(await refusedWith(services, chain.url, send(recipient, '-0.1'))).toMatch(/more than zero/);
    expect(await refusedWith(services, chain.url, send(recipient, '0.0000000000000000001'))).toMatch(
      /18 decimals/,
    );
    expect(await refusedWith(services, chain.url, send('alice.eth', '0.1'))).toBe(
      'invalid-input: recipient: Anvil has no ENS; enter an address',
    );
  });
});

describe('ERC-20', () => {
  it('sends exactly the amount of a token deployed on the chain; max sends the whole balance', async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    await token.mint(services.address, 5_000_000n);
    const before = await token.balanceOf(recipient);
    const draft = await prepareSend(
      { to: recipient, amount: '1.25', token: token.address },
      services.address,
      services,
    );
    expect(draft.summary.review).toBe(`Send 1.25 TUSD to ${recipient}`);
    expect(draft.tx).toMatchObject({ to: token.address, value: 0n });
    await waitForReceipt(chain.url, (await confirmSend(draft, services)).hash);
    expect(await token.balanceOf(recipient)).toBe(before + 1_250_000n);
    const all = await prepareSend(
      { to: recipient, amount: 'max', token: token.address },
      services.address,
      services,
    );
    await waitForReceipt(chain.url, (await confirmSend(all, services)).hash);
    expect(await token.balanceOf(services.address)).toBe(0n);
    expect(await token.balanceOf(recipient)).toBe(before + 5_000_000n);
  });

  it('refuses, sending nothing: more than the token balance, too many decimals, no code, not a token', async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    await token.mint(services.address, 1_000_000n);
    const send = (tokenAddress: string, amount: string) => () =>
      prepareSend({ to: recipient, amount, token: tokenAddress }, services.address, services);
    expect(await refusedWith(services, chain.url, send(token.address, '2'))).toBe(
      'invalid-input: amount: 2 TUSD is more than the balance, 1 TUSD',
    );
    expect(await refusedWith(services, chain.url, send(token.address, '0.0000001'))).toMatch(
      /TUSD has 6 decimals/,
    );
    expect(await refusedWith(services, chain.url, send(recipient, '1'))).toMatch(
      /not an ERC-20 token: .* has no contract code/,
    );
    // A contract, but not a token.
    const notToken = (await rpcCall(chain.url, 'eth_sendTransaction', [
      // runtime code `STOP`: a contract that answers every call with nothing
      { from: DEV_ADDRESS, data: '0x600160008160098239f300' },
    ])) as Hex;
    const deployed = (await waitForReceipt(chain.url, notToken)) as unknown as { contractAddress: Address };
    expect(await refusedWith(services, chain.url, send(deployed.contractAddress, '1'))).toMatch(
      /not an ERC-20 token: .* does not answer/,
    );
  });
});

describe('speed up and cancel a stuck transaction', () => {
  for (const kind of ['eip1559', 'legacy'] as const) {
    it(`${kind}: the speed-up is mined with the same nonce, the original becomes replaced; a cancel makes it cancelled`, async () => {
      const anvil = kind === 'eip1559' ? chain : legacy;
      const services = await fundedWallet(anvil, 'Anvil', '1');
      await rpcCall(anvil.url, 'evm_setAutomine', [false]);
      try {
        const before = await balance(anvil.url, recipient);
        const stuck = await confirmSend(
          await prepareSend({ to: recipient, amount: '0.1', token: null }, services.address, services),
          services,
        );
        const original = services.entries.find((e) => e.id === stuck.activityId)!;
        expect(original.tx!.fees.type).toBe(kind);
        const faster = await prepareReplacement(stuck.activityId, 'speed-up', services.address, services);
        expect(faster.tx.nonce).toBe(original.tx!.nonce);
        expect(faster.tx).toMatchObject({ to: recipient, value: parseEther('0.1') });
        const old = original.tx!.fees;
        if (old.type === 'eip1559' && faster.tx.fees.type === 'eip1559') {
          expect(faster.tx.fees.maxFeePerGas * 10n).toBeGreaterThanOrEqual(BigInt(old.maxFeePerGas) * 11n);
          expect(faster.tx.fees.maxPriorityFeePerGas * 10n).toBeGreaterThanOrEqual(
            BigInt(old.maxPriorityFeePerGas) * 11n,
          );
        } else if (old.type === 'legacy' && faster.tx.fees.type === 'legacy')
          expect(faster.tx.fees.gasPrice * 10n).toBeGreaterThanOrEqual(BigInt(old.gasPrice) * 11n);
        else throw new Error('the replacement changed the fee type');
        const replacement = await confirmSend(faster, services);
        expect(services.entries.find((e) => e.id === stuck.activityId)!.replacedBy).toEqual({
          hash: replacement.hash,
          mode: 'speed-up',
        });
        await rpcCall(anvil.url, 'evm_mine', []);
        expect((await waitForReceipt(anvil.url, replacement.hash)).status).toBe('0x1');
        expect(await rpcCall(anvil.url, 'eth_getTransactionReceipt', [stuck.hash])).toBeNull();
        expect(await balance(anvil.url, recipient)).toBe(before + parseEther('0.1'));
        expect(await settled(services, replacement.activityId, anvil.url)).toBe('confirmed');
        expect(await settled(services, stuck.activityId, anvil.url)).toBe('replaced');
        // A settled send cannot be replaced again.
        await expect(
          prepareReplacement(stuck.activityId, 'cancel', services.address, services),
        ).rejects.toThrow(/no longer pending \(replaced\)/);

        // Cancel: a 0-value send to oneself with the same nonce.
        const second = await confirmSend(
          await prepareSend({ to: recipient, amount: '0.2', token: null }, services.address, services),
          services,
        );
        const cancel = await prepareReplacement(second.activityId, 'cancel', services.address, services);
        expect(cancel.tx).toMatchObject({ to: services.address, value: 0n, data: '0x', gas: 21_000n });
        const cancelled = await confirmSend(cancel, services);
        await rpcCall(anvil.url, 'evm_mine', []);
        await waitForReceipt(anvil.url, cancelled.hash);
        expect(await settled(services, second.activityId, anvil.url)).toBe('cancelled');
        expect(await balance(anvil.url, recipient)).toBe(before + parseEther('0.1'));
      } finally {
        await rpcCall(anvil.url, 'evm_setAutomine', [true]);
      }
    });
  }

  it("a dApp's eth_sendTransaction keeps what was signed, so the popup can speed it up", async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    const site = { origin: 'https://dapp.example' };
    const ask = (method: string, params?: unknown[]) =>
      dispatchProviderRequest(params === undefined ? { method } : { method, params }, site, services);
    const connecting = ask('eth_requestAccounts');
    await services.next(true);
    await connecting;
    await rpcCall(chain.url, 'evm_setAutomine', [false]);
    try {
      const sending = ask('eth_sendTransaction', [{ from: services.address, to: recipient, value: '0x2a' }]);
      await services.next(true);
      const { result: hash } = (await sending) as { result: Hex };
      const entry = services.entries.find((e) => e.hash === hash)!;
      expect(entry).toMatchObject({ origin: site.origin, tx: { to: recipient, value: '42', nonce: 0 } });
      const faster = await prepareReplacement(entry.id, 'speed-up', services.address, services);
      const replacement = await confirmSend(faster, services);
      await rpcCall(chain.url, 'evm_mine', []);
      expect((await waitForReceipt(chain.url, replacement.hash)).status).toBe('0x1');
      expect(await settled(services, entry.id, chain.url)).toBe('replaced');
    } finally {
      await rpcCall(chain.url, 'evm_setAutomine', [true]);
    }
  });

  it('another account cannot replace it, and an unknown entry is refused', async () => {
    const services = await fundedWallet(chain, 'Anvil', '1');
    const sent = await confirmSend(
      await prepareSend({ to: recipient, amount: '0.1', token: null }, services.address, services),
      services,
    );
    await expect(prepareReplacement(sent.activityId, 'speed-up', recipient, services)).rejects.toThrow(
      /switch to that account/,
    );
    await expect(prepareReplacement('nope', 'speed-up', services.address, services)).rejects.toThrow(
      /no such transaction/,
    );
  });
});
