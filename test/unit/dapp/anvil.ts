/**
 * A throw-away anvil chain on a free port, for tests that need a real chain of their own
 * (the transaction builder's, and the e2e test that adds a second chain).
 *
 * @example
 * const chain = await startAnvil({ chainId: 31337 });
 * await chain.stop();
 */
import { join } from 'node:path';
import { repoRoot } from '../../../src/config/local.ts';
import { freePort } from '../../../src/stack/ports.ts';
import { spawnService } from '../../../src/stack/process.ts';
import { anvilBinary } from '../../../src/stack/services.ts';

export type Anvil = { url: string; chainId: number; stop(): Promise<void> };

/** anvil's first development account (its well-known mnemonic): funded with 10 000 ETH. */
export const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;
export const DEV_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;

export async function startAnvil(options: { chainId: number; legacy?: boolean }): Promise<Anvil> {
  const port = await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(options.chainId)];
  // --hardfork berlin: a chain without EIP-1559 (no base fee), for the legacy path.
  if (options.legacy === true) args.push('--hardfork', 'berlin');
  const service = await spawnService({
    name: `anvil-${options.chainId}`,
    command: anvilBinary(repoRoot),
    args,
    port,
    readyLine: /Listening on/,
    logFile: join(repoRoot, 'test-results', `anvil-${options.chainId}-${port}.log`),
  });
  return { url: `http://127.0.0.1:${port}`, chainId: options.chainId, stop: () => service.stop() };
}

/** A JSON-RPC call, for test set-up. */
export async function rpcCall(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(body.error.message);
  return body.result;
}

/**
 * The receipt of `hash`, once it is mined. anvil mines on submission but may answer
 * `eth_getTransactionReceipt` with null for a moment after `eth_sendRawTransaction` returns.
 */
export async function waitForReceipt(
  url: string,
  hash: unknown,
  timeoutMs = 10_000,
): Promise<{ status: string; from: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await rpcCall(url, 'eth_getTransactionReceipt', [hash]);
    if (receipt !== null && receipt !== undefined) return receipt as { status: string; from: string };
    if (Date.now() > deadline) throw new Error(`no receipt for ${String(hash)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
