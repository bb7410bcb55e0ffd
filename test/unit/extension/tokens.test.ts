/**
 * Following ERC-20 tokens against a real chain (anvil) with real TestToken contracts:
 * added by address (symbol, name, decimals and balance read from the chain), listed with
 * fresh balances in one batch, removed; what is not an ERC-20 (an account without code, a
 * contract that answers nothing) and every other bad input is refused with the reason and
 * leaves the store as it was. Storage is fake-indexeddb (the e2e test runs Chromium's).
 */
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import { getAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { addChain, selectChain } from '../../../src/extension/chains.ts';
import { openWalletDb, type WalletDb } from '../../../src/extension/db.ts';
import { addTokenReply, removeTokenReply, tokensReply } from '../../../src/extension/tokens/tokenReplies.ts';
import { followToken, MAX_TOKENS_PER_CHAIN } from '../../../src/extension/tokens/tokenStore.ts';
import { deployTestToken, type TestToken } from '../../helpers/testToken.ts';
import { type Anvil, startAnvil } from '../dapp/anvil.ts';
import { deployPing } from '../dapp/pingContract.ts';
import { deployConstant } from './constantContract.ts';

const owner = '0x00000000000000000000000000000000000a11ce' as const;
let anvil: Anvil;
let dollar: TestToken;
let gold: TestToken;
let ping: `0x${string}`;
let builtIn: { chainId: '0x7a69'; name: string; rpcUrl: string; symbol: string }[];
let n = 0;

async function freshDb(): Promise<WalletDb> {
  return openWalletDb(`trine-tokens-${n++}`);
}

/** The thrown error, checked to be a TrineError. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTrineError(error)) throw new Error(`expected a TrineError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31337 });
  builtIn = [{ chainId: '0x7a69', name: 'Trine local', rpcUrl: anvil.url, symbol: 'ETH' }];
  // One deployer account: one transaction at a time (its nonce).
  dollar = await deployTestToken(anvil.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  gold = await deployTestToken(anvil.url, { name: 'Test Gold', symbol: 'TGLD', decimals: 18 });
  ping = await deployPing(anvil.url);
  await dollar.mint(owner, 12_345_678n);
});
afterAll(async () => {
  await anvil?.stop();
});

describe('tokens on a real chain', () => {
  it('adds a token by address: symbol, name, decimals and balance come from the chain', async () => {
    const db = await freshDb();
    const reply = await addTokenReply(db, builtIn, owner, dollar.address.toLowerCase() as `0x${string}`);
    const view = {
      address: dollar.address,
      symbol: 'TUSD',
      name: 'Test Dollar',
      decimals: 6,
      balance: '12345678',
    };
    expect(reply).toEqual({ ok: true, chainId: '0x7a69', tokens: [view], added: view });
    expect(await db.get('tokens', `0x7a69:${dollar.address.toLowerCase()}`)).toMatchObject({
      address: dollar.address,
      symbol: 'TUSD',
      decimals: 6,
      image: null,
    });
  });

  it('lists every token with fresh balances, in the order added', async () => {
    const db = await freshDb();
    await addTokenReply(db, builtIn, owner, dollar.address);
    await addTokenReply(db, builtIn, owner, gold.address);
    await gold.mint(owner, 5n * 10n ** 18n);
    const { tokens } = await tokensReply(db, builtIn, owner);
    expect(tokens.map((t) => [t.symbol, t.decimals, t.balance])).toEqual([
      ['TUSD', 6, '12345678'],
      ['TGLD', 18, '5000000000000000000'],
    ]);
  });

  it('refuses what is not an ERC-20 token, saying why, and stores nothing', async () => {
    const db = await freshDb();
    const noCode = await refusal(addTokenReply(db, builtIn, owner, owner));
    expect(noCode.code).toBe('invalid-input');
    expect(noCode.message).toBe(
      `address: not an ERC-20 token: ${getAddress(owner)} has no contract code on this chain`,
    );
    const notAToken = await refusal(addTokenReply(db, builtIn, owner, ping));
    expect(notAToken.message).toBe(
      `address: not an ERC-20 token: ${getAddress(ping)} does not answer symbol()`,
    );
    expect(await db.count('tokens')).toBe(0);
  });

  it('refuses a contract whose answers are not a token’s: unreadable symbol, absurd decimals', async () => {
    const db = await freshDb();
    // Answers every call with the same 32 bytes: not UTF-8 text, so no symbol.
    const binary = await deployConstant(anvil.url, `0x${'ff'.repeat(32)}`);
    expect((await refusal(addTokenReply(db, builtIn, owner, binary))).message).toBe(
      `address: not an ERC-20 token: ${binary} does not answer symbol()`,
    );
    // "ABC" as bytes32: a symbol (early tokens answer so), but then decimals() is the same huge number.
    const abc = await deployConstant(anvil.url, `0x414243${'00'.repeat(29)}`);
    expect((await refusal(addTokenReply(db, builtIn, owner, abc))).message).toMatch(
      new RegExp(`^address: not an ERC-20 token: ${abc} says it has \\d+ decimals \\(at most 36\\)$`),
    );
    expect(await db.count('tokens')).toBe(0);
  });

  it('refuses a token already followed, a wrong checksum, and removing one not followed; nothing changes', async () => {
    const db = await freshDb();
    await addTokenReply(db, builtIn, owner, dollar.address);
    const before = await db.getAll('tokens');
    expect((await refusal(addTokenReply(db, builtIn, owner, dollar.address))).message).toBe(
      `address: TUSD (${dollar.address}) is already in your token list`,
    );
    // Flip the case of one letter of a checksummed address: a typo EIP-55 catches.
    const i = [...dollar.address].findIndex((c, k) => k > 1 && /[a-f]/i.test(c));
    const c = dollar.address[i]!;
    const typo = `${dollar.address.slice(0, i)}${c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()}${dollar.address.slice(i + 1)}`;
    expect((await refusal(addTokenReply(db, builtIn, owner, typo as `0x${string}`))).message).toMatch(
      /wrong checksum/,
    );
    expect((await refusal(removeTokenReply(db, builtIn, owner, gold.address))).message).toBe(
      `address: ${gold.address} is not in your token list`,
    );
    expect(await db.getAll('tokens')).toEqual(before);
  });

  it('removes a token', async () => {
    const db = await freshDb();
    await addTokenReply(db, builtIn, owner, dollar.address);
    await addTokenReply(db, builtIn, owner, gold.address);
    const reply = await removeTokenReply(db, builtIn, owner, dollar.address.toLowerCase() as `0x${string}`);
    expect(reply.tokens.map((t) => t.symbol)).toEqual(['TGLD']);
    expect(await db.count('tokens')).toBe(1);
  });

  it('tokens belong to their chain: another chain lists its own (none here)', async () => {
    const db = await freshDb();
    await addTokenReply(db, builtIn, owner, dollar.address);
    await addChain(db, builtIn, {
      chainId: '0x539',
      name: 'Other',
      rpcUrl: 'http://127.0.0.1:9',
      symbol: 'ETH',
      explorerUrl: null,
    });
    await selectChain(db, builtIn, '0x539');
    // No token to read: no RPC call at all, so the unreachable node does not matter.
    expect(await tokensReply(db, builtIn, owner)).toEqual({ ok: true, chainId: '0x539', tokens: [] });
  });

  it('a chain that cannot be reached is a chain error and nothing is stored', async () => {
    const db = await freshDb();
    const down = [{ ...builtIn[0]!, rpcUrl: 'http://127.0.0.1:9' }];
    const error = await refusal(addTokenReply(db, down, owner, dollar.address));
    expect(error.code).toBe('chain-error');
    expect(error.message).toMatch(/cannot be reached/);
    expect(await db.count('tokens')).toBe(0);
  });

  it('at most MAX_TOKENS_PER_CHAIN per chain', async () => {
    const db = await freshDb();
    for (let i = 0; i < MAX_TOKENS_PER_CHAIN; i++)
      await followToken(db, {
        chainId: '0x7a69',
        address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
        symbol: `T${i}`,
        name: null,
        decimals: 0,
        image: null,
      });
    expect((await refusal(addTokenReply(db, builtIn, owner, dollar.address))).message).toMatch(
      /at most 200 tokens per chain/,
    );
    expect(await db.count('tokens')).toBe(MAX_TOKENS_PER_CHAIN);
  });
});

describe('a node that refuses JSON-RPC batches', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    // Answers a batch with one error object (as some public nodes do) and passes single calls to anvil.
    server = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      const call = JSON.parse(body);
      seen.push(Array.isArray(call) ? 'batch' : call.method);
      const answer = Array.isArray(call)
        ? JSON.stringify({
            jsonrpc: '2.0',
            id: null,
            error: { code: -32600, message: 'batch not supported' },
          })
        : await (
            await fetch(anvil.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          ).text();
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is asked call by call instead, with the same answers', async () => {
    const db = await freshDb();
    const chains = [{ ...builtIn[0]!, rpcUrl: url }];
    await addTokenReply(db, chains, owner, dollar.address);
    const { tokens } = await tokensReply(db, chains, owner);
    expect(tokens.map((t) => [t.symbol, t.balance])).toEqual([['TUSD', '12345678']]);
    expect(seen.filter((s) => s === 'batch').length).toBeGreaterThanOrEqual(2);
    expect(seen).toContain('eth_call');
  });
});
