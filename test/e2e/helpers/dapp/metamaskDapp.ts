/**
 * The MetaMask-style test dApp (metamaskDapp.js) as an HTML page, optionally with an
 * iframe of another site, for `startPageServer`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const script = readFileSync(join(import.meta.dirname, 'metamaskDapp.js'), 'utf8');

export function metaMaskDappPage(options: { frame?: string } = {}): string {
  const frame = options.frame === undefined ? '' : `<iframe id="frame" src="${options.frame}"></iframe>`;
  return `<!doctype html><meta charset="utf-8"><title>MetaMask-style dApp</title>
<h1>MetaMask-style dApp</h1><button id="connect" onclick="mm.start()">Connect MetaMask</button>
<p id="status">Not connected</p>${frame}<script>${script}</script>`;
}

/** The object metamaskDapp.js puts on `window.mm` (for page.evaluate). */
export type MetaMaskDapp = {
  gated: boolean | null;
  chainId: string | null;
  netVersion: string | null;
  accounts: string[];
  events: { event: string; data: unknown }[];
  messages: { type: string; data: { subscription: string; result: Record<string, unknown> } }[];
  start(): Promise<Record<string, unknown>>;
  accountsNow(): Promise<string[]>;
  legacySend(): Promise<{ response: unknown; sync: unknown }>;
  personalSign(
    text: string,
  ): Promise<
    Outcome<{ message: `0x${string}`; signature: `0x${string}`; recovered: string; matches: boolean }>
  >;
  signTypedV1(fields: unknown): Promise<Outcome<`0x${string}`>>;
  signTypedV3(data: unknown): Promise<Outcome<`0x${string}`>>;
  signTypedV4(data: unknown): Promise<Outcome<`0x${string}`>>;
  send(
    tx: Record<string, string>,
  ): Promise<Outcome<{ hash: string; receipt: Record<string, unknown>; tx: Record<string, unknown> }>>;
  subscribe(...params: unknown[]): Promise<Outcome<string>>;
  unsubscribe(id: string): Promise<Outcome<boolean>>;
  request(method: string, params?: unknown): Promise<Outcome<unknown>>;
  addChain(chainId: string, rpcUrl: string): Promise<Outcome<null>>;
  switchChain(chainId: string): Promise<Outcome<null>>;
  revoke(): Promise<Outcome<null>>;
};
export type Outcome<T> = { ok: T } | { error: { code: number; message: string } };
