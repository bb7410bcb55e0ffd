/**
 * `wallet_watchAsset` through the dispatcher, as a page calls it, against a real chain with
 * a real ERC-20: MetaMask's params, the approval (what the user sees is read from the
 * chain), `true`, the token followed; a rejection, an address that is not a token, decimals
 * or a symbol the contract contradicts, other asset types and strangers are refused with
 * nothing asked and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { memoryWatchlist } from '../../../src/extension/tokens/watchlist.ts';
import { deployTestToken, type TestToken } from '../../helpers/testToken.ts';
import { type Anvil, DEV_KEY, startAnvil } from './anvil.ts';
import { memoryServices, type TestServices } from './memoryServices.ts';

const site = { origin: 'http://localhost:5173' };
const stranger = { origin: 'http://localhost:5174' };

let chain: Anvil;
let token: TestToken;
let s: TestServices;
let tokens: ReturnType<typeof memoryWatchlist>;

beforeAll(async () => {
  chain = await startAnvil({ chainId: 31337 });
  token = await deployTestToken(chain.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  tokens = memoryWatchlist();
  s = {
    ...memoryServices({
      key: DEV_KEY,
      chains: [{ chainId: '0x7a69', name: 'Trine local', rpcUrl: chain.url, symbol: 'ETH' }],
    }),
    tokens,
  };
  await token.mint(s.address, 2_500_000n);
  const connected = call('eth_requestAccounts', undefined);
  await s.next(true);
  await connected;
}, 60_000);
afterAll(() => chain?.stop());

const call = (method: string, params: unknown, context = site) =>
  dispatchProviderRequest({ method, params: params as unknown[] }, context, s);
const watch = (options: Record<string, unknown>, context = site) =>
  call('wallet_watchAsset', { type: 'ERC20', options }, context);
const errorOf = async (answer: ReturnType<typeof call>) => {
  const a = await answer;
  if (!('error' in a)) throw new Error(`expected an error, got ${JSON.stringify(a)}`);
  return a.error;
};

describe('wallet_watchAsset', () => {
  it('refuses what the contract contradicts or is not a token, asking nothing and storing nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { address: token.address, symbol: 'TUSD', decimals: 18 },
        /decimals in the request \(18\) do not match the token's \(6\)/,
      ],
      [
        { address: token.address, symbol: 'USDC', decimals: 6 },
        /symbol in the request \(USDC\) does not match the token's \(TUSD\)/,
      ],
      [
        { address: s.address, symbol: 'TUSD', decimals: 6 },
        /not an ERC-20 token: .* has no contract code on this chain/,
      ],
      [{ address: '0x1234', symbol: 'TUSD', decimals: 6 }, /params\.options\.address/],
      [{ address: token.address, symbol: 'TUSD', decimals: 37 }, /params\.options\.decimals/],
    ];
    for (const [options, message] of cases) {
      const error = await errorOf(watch(options));
      expect(error.code, JSON.stringify(options)).toBe(-32602);
      expect(error.message).toMatch(message);
    }
    const nft = await errorOf(
      call('wallet_watchAsset', { type: 'ERC721', options: { address: token.address } }),
    );
    expect(nft.code).toBe(-32602);
    expect((await errorOf(watch({ address: token.address }, stranger))).code).toBe(4100);
    expect(s.approvals.size).toBe(0);
    expect(tokens.tokens).toEqual([]);
  });

  it('a rejection is 4001 and stores nothing', async () => {
    const asked = watch({ address: token.address, symbol: 'TUSD', decimals: 6 });
    await s.next(false);
    expect((await errorOf(asked)).code).toBe(4001);
    expect(tokens.tokens).toEqual([]);
  });

  it('shows the token as the chain has it; approved: true and followed; asked again: true without a question', async () => {
    const asked = watch({
      address: token.address.toLowerCase(),
      symbol: 'tusd',
      decimals: '6',
      image: 'https://a.test/t.png',
    });
    for (let i = 0; i < 200 && s.approvals.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.approvals.list()[0]).toMatchObject({
      origin: site.origin,
      view: {
        kind: 'watch-asset',
        chain: { chainId: '0x7a69', name: 'Trine local', symbol: 'ETH' },
        token: {
          address: token.address,
          symbol: 'TUSD',
          name: 'Test Dollar',
          decimals: 6,
          balance: '2500000',
        },
      },
    });
    await s.next(true);
    expect(await asked).toEqual({ result: true });
    expect(tokens.tokens).toMatchObject([
      {
        id: `0x7a69:${token.address.toLowerCase()}`,
        chainId: '0x7a69',
        address: token.address,
        symbol: 'TUSD',
        decimals: 6,
        image: 'https://a.test/t.png',
      },
    ]);
    expect(await watch({ address: token.address, symbol: 'TUSD', decimals: 6 })).toEqual({ result: true });
    expect(s.approvals.size).toBe(0);
    expect(tokens.tokens).toHaveLength(1);
  });
});
