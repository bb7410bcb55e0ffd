/**
 * User chains against real nodes (two anvils): added, edited and removed only when the RPC
 * answers `eth_chainId` with the entered id; built-in chains refused; a removed chain that
 * was in use gives way to the first built-in one (and listeners, i.e. connected dApps, hear
 * of it); every refusal says why and changes nothing.
 */
import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { removeChainReply, saveChainReply } from '../../../src/extension/chainProcedures.ts';
import { onChainSelected, selectChain } from '../../../src/extension/chains.ts';
import { openWalletDb, type WalletDb } from '../../../src/extension/db.ts';
import { builtInChains } from '../../../src/extension/knownChains.ts';
import { followToken } from '../../../src/extension/tokens/tokenStore.ts';
import { type Anvil, startAnvil } from '../dapp/anvil.ts';

let local: Anvil;
let second: Anvil;
let builtIn: ReturnType<typeof builtInChains>;
let n = 0;
const freshDb = (): Promise<WalletDb> => openWalletDb(`trine-chains-${n++}`);

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTrineError(error)) throw new Error(`expected a TrineError, got ${String(error)}`);
  return error;
}

const entry = () => ({
  chainId: '0x539',
  name: 'Second anvil',
  rpcUrl: second.url,
  symbol: 'ETH',
  explorerUrl: 'https://explorer.example/',
});

beforeAll(async () => {
  [local, second] = await Promise.all([startAnvil({ chainId: 31337 }), startAnvil({ chainId: 1337 })]);
  builtIn = builtInChains([{ chainId: '0x7a69', name: 'Trine local', rpcUrl: local.url, symbol: 'ETH' }]);
});
afterAll(async () => {
  await Promise.all([local?.stop(), second?.stop()]);
});

describe('user chains', () => {
  it('the local chain is selected first, then the public chains are listed, all built in', async () => {
    const db = await freshDb();
    const chains = await saveChainReply(db, builtIn, entry(), false);
    expect(chains.map((c) => [Number(BigInt(c.chainId)), c.builtIn, c.selected])).toEqual([
      [31337, true, true],
      [1, true, false],
      [11155111, true, false],
      [8453, true, false],
      [10, true, false],
      [42161, true, false],
      [137, true, false],
      [1337, false, false],
    ]);
    expect(chains.at(-1)).toEqual({
      chainId: '0x539',
      name: 'Second anvil',
      rpcUrl: second.url,
      symbol: 'ETH',
      // Without the trailing slash, so links are `${explorerUrl}/tx/…`.
      explorerUrl: 'https://explorer.example',
      builtIn: false,
      selected: false,
    });
  });

  it('refuses an RPC that serves another chain, one that does not answer, and adds nothing', async () => {
    const db = await freshDb();
    const wrong = await refusal(saveChainReply(db, builtIn, { ...entry(), chainId: '0x5' }, false));
    expect(wrong).toMatchObject({
      code: 'invalid-input',
      message: `rpcUrl: ${second.url} serves chain 1337, not 5`,
    });
    const down = await refusal(
      saveChainReply(db, builtIn, { ...entry(), rpcUrl: 'http://127.0.0.1:9' }, false),
    );
    expect(down.message).toBe(
      'rpcUrl: http://127.0.0.1:9 does not answer (it must be up and allow browser requests)',
    );
    expect(await db.count('chains')).toBe(0);
  });

  it('refuses a node whose eth_chainId answer is not a chain id', async () => {
    const db = await freshDb();
    // A misbehaving node: valid JSON-RPC, nonsense result.
    const server = createServer((_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: 0, result: 'mainnet' })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect((await refusal(saveChainReply(db, builtIn, { ...entry(), rpcUrl: url }, false))).message).toBe(
        `rpcUrl: ${url} did not answer eth_chainId with a chain id`,
      );
    } finally {
      server.close();
    }
    expect(await db.count('chains')).toBe(0);
  });

  it('refuses to add, edit or remove a built-in chain, or to add a chain twice', async () => {
    const db = await freshDb();
    for (const attempt of [
      () => saveChainReply(db, builtIn, { ...entry(), chainId: '0x1' }, false),
      () => saveChainReply(db, builtIn, { ...entry(), chainId: '0x7a69', rpcUrl: local.url }, true),
      () => removeChainReply(db, builtIn, '0x89'),
    ])
      expect((await refusal(attempt())).message).toMatch(
        /^chainId: .* \(\d+\) is built in and cannot be changed$/,
      );
    await saveChainReply(db, builtIn, entry(), false);
    expect((await refusal(saveChainReply(db, builtIn, entry(), false))).message).toBe(
      'chainId: chain 1337 is already added (Second anvil); edit it instead',
    );
    expect(await db.count('chains')).toBe(1);
  });

  it('keeps one spelling of a chain id, and refuses chain 0 and invisible characters', async () => {
    const db = await freshDb();
    const chains = await saveChainReply(db, builtIn, { ...entry(), chainId: '0x0539' }, false);
    expect(chains.filter((c) => !c.builtIn).map((c) => c.chainId)).toEqual(['0x539']);
    expect((await refusal(saveChainReply(db, builtIn, { ...entry(), chainId: '0x00' }, false))).message).toBe(
      'chainId: a chain id is a positive number',
    );
    expect(
      (await refusal(saveChainReply(db, builtIn, { ...entry(), name: 'Second\u202eanvil' }, true))).message,
    ).toBe('name: control or invisible characters are not allowed');
    expect(await db.getAll('chains')).toMatchObject([{ chainId: '0x539', name: 'Second anvil' }]);
  });

  it('edits a user chain after checking its new RPC; a wrong one changes nothing', async () => {
    const db = await freshDb();
    await saveChainReply(db, builtIn, entry(), false);
    const edited = await saveChainReply(
      db,
      builtIn,
      { ...entry(), name: 'Renamed', explorerUrl: null },
      true,
    );
    expect(edited.find((c) => c.chainId === '0x539')).toMatchObject({ name: 'Renamed', explorerUrl: null });
    const before = await db.getAll('chains');
    const wrong = await refusal(saveChainReply(db, builtIn, { ...entry(), rpcUrl: local.url }, true));
    expect(wrong.message).toBe(`rpcUrl: ${local.url} serves chain 31337, not 1337`);
    expect((await refusal(saveChainReply(db, builtIn, { ...entry(), chainId: '0x5' }, true))).message).toBe(
      'chainId: unknown chain 0x5',
    );
    expect(await db.getAll('chains')).toEqual(before);
  });

  it('removing the chain in use selects the first built-in chain, tells listeners, drops its tokens', async () => {
    const db = await freshDb();
    await saveChainReply(db, builtIn, entry(), false);
    await selectChain(db, builtIn, '0x539');
    await followToken(db, {
      chainId: '0x539',
      address: '0x00000000000000000000000000000000000000aa',
      symbol: 'X',
      name: null,
      decimals: 18,
      image: null,
    });
    const told: string[] = [];
    const stop = onChainSelected((id) => told.push(id));
    const chains = await removeChainReply(db, builtIn, '0x539');
    stop();
    expect(chains.find((c) => c.selected)?.chainId).toBe('0x7a69');
    expect(chains.some((c) => c.chainId === '0x539')).toBe(false);
    expect(told).toEqual(['0x7a69']);
    expect(await db.count('tokens')).toBe(0);
    expect((await refusal(removeChainReply(db, builtIn, '0x539'))).message).toBe(
      'chainId: unknown chain 0x539',
    );
  });
});
