/**
 * ENS names resolved through viem's universal-resolver call, over the wallet's own chain
 * RPC, on a real anvil that calls itself chain 1 (Ethereum): the resolver at ENS's address
 * is a stand-in contract (anvil_setCode) answering every `resolveWithGateways` with one
 * address, as the real one answers for a name. A name resolving to nothing is refused.
 */
import { encodeAbiParameters, type Hex, parseEther } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRpc } from '../../../src/extension/dapp/chainRpc.ts';
import { resolveEnsName } from '../../../src/extension/send/ens.ts';
import { prepareSend } from '../../../src/extension/send/prepareSend.ts';
import { type Anvil, DEV_ADDRESS, rpcCall, startAnvil, waitForReceipt } from '../dapp/anvil.ts';
import { memoryServices } from '../dapp/memoryServices.ts';

const UNIVERSAL_RESOLVER = '0xeeeeeeee14d718c2b47d9923deab1335e144eeee';
const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

/**
 * Runtime code that returns `answer` (≤ 255 bytes) to any call:
 * CODECOPY(0, 12, n); RETURN(0, n) — the answer follows the 12 bytes of code.
 */
function constantAnswer(answer: Hex): Hex {
  const n = (answer.length - 2) / 2;
  const size = n.toString(16).padStart(2, '0');
  return `0x60${size}600c60003960${size}6000f3${answer.slice(2)}`;
}
/** `resolveWithGateways` → (bytes result, address resolver); result = `addr(node)`'s answer. */
const resolvesTo = (address: Hex) =>
  constantAnswer(
    encodeAbiParameters(
      [{ type: 'bytes' }, { type: 'address' }],
      [encodeAbiParameters([{ type: 'address' }], [address]), '0x4976fb03C32e5B8cfe2b6cCB31c09Ba78EBaBa41'],
    ),
  );

let chain: Anvil;
const ethereum = () => ({ chainId: '0x1' as const, name: 'Ethereum', rpcUrl: chain.url, symbol: 'ETH' });
beforeAll(async () => {
  chain = await startAnvil({ chainId: 1 });
});
afterAll(async () => {
  await chain?.stop();
});

describe('ENS on a chain that has it', () => {
  it('a name resolves through the universal resolver to its checksummed address', async () => {
    await rpcCall(chain.url, 'anvil_setCode', [UNIVERSAL_RESOLVER, resolvesTo(owner)]);
    expect(await resolveEnsName('alice.eth', ethereum(), chainRpc)).toBe(owner);
  });

  it('Send to a name shows the name and the address; a name without an address is refused', async () => {
    await rpcCall(chain.url, 'anvil_setCode', [UNIVERSAL_RESOLVER, resolvesTo(owner)]);
    const key = generatePrivateKey();
    const from = privateKeyToAddress(key);
    await waitForReceipt(
      chain.url,
      await rpcCall(chain.url, 'eth_sendTransaction', [
        { from: DEV_ADDRESS, to: from, value: `0x${parseEther('1').toString(16)}` },
      ]),
    );
    const services = memoryServices({ key, chains: [ethereum()] });
    const draft = await prepareSend({ to: 'Alice.eth', amount: '0.1', token: null }, from, services);
    expect(draft.tx.to).toBe(owner);
    expect(draft.summary.review).toBe(`Send 0.1 ETH to alice.eth (${owner})`);

    await rpcCall(chain.url, 'anvil_setCode', [
      UNIVERSAL_RESOLVER,
      resolvesTo('0x0000000000000000000000000000000000000000'),
    ]);
    await expect(
      prepareSend({ to: 'nobody.eth', amount: '0.1', token: null }, from, services),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'recipient: nobody.eth has no address on Ethereum',
    });
  });
});
