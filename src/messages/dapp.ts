/**
 * Messages between the approval window / the popup's connected-sites screen and the
 * background, and the views of waiting requests they show. Only extension pages may send
 * these (the router checks the sender). Amounts are decimal strings of wei: bigint does
 * not survive `runtime.sendMessage`.
 */
import * as v from 'valibot';
import type { TokenView } from './wallet.ts';

const id = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'expected a request id'));
const origin = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^/]+$/, 'expected an origin'));

export const DappMessage = v.variant('type', [
  /** The approval window asks what is waiting. */
  v.strictObject({ type: v.literal('dapp-approvals') }),
  /** The user approved or rejected one waiting request. */
  v.strictObject({ type: v.literal('dapp-decide'), id, approve: v.boolean() }),
  /** Connected sites (popup). */
  v.strictObject({ type: v.literal('dapp-sites') }),
  /** Disconnect one site (popup). */
  v.strictObject({ type: v.literal('dapp-revoke-site'), origin }),
  /** Say `isMetaMask` to every site, or to one (popup; `enabled: null` drops a site's own choice). */
  v.strictObject({
    type: v.literal('dapp-metamask-flag'),
    origin: v.optional(origin),
    enabled: v.nullable(v.boolean()),
  }),
]);
export type DappMessage = v.InferOutput<typeof DappMessage>;

/** Whether `message` claims to be one of these (then it is parsed strictly). */
export function isDappMessage(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('dapp-');
}

export type ChainSummary = { chainId: `0x${string}`; name: string; symbol: string };

/** One field of typed data as the approval window shows it: a leaf or a struct/array. */
export type TypedDataNode = {
  name: string;
  type: string;
  /** Leaves: the value as text. */
  value?: string;
  children?: TypedDataNode[];
};

export type SiweView = {
  domain: string;
  address: string;
  statement: string | null;
  uri: string;
  version: string;
  chainId: number;
  nonce: string;
  issuedAt: string | null;
  expirationTime: string | null;
  notBefore: string | null;
  resources: string[];
  /** Problems the user must see: domain mismatch, other account, other chain, expired… */
  warnings: string[];
};

/**
 * A risk decoded from what is about to be signed (calldata or typed data), for the user to
 * read before approving. `danger` is shown as an alert: it lets someone else move funds.
 */
export type WarningView = {
  kind:
    | 'unlimited-approval'
    | 'approval'
    | 'approval-for-all'
    | 'increase-allowance'
    | 'contract-recipient'
    | 'no-code-recipient'
    | 'permit'
    | 'permit2';
  severity: 'danger' | 'caution';
  title: string;
  /** Rows under the title: spender, token, amount, deadline… */
  details: { label: string; value: string }[];
};

/** How the sender's balance of one asset changes: `amount` is signed, in the asset's smallest unit. */
export type BalanceChangeView = {
  asset: 'native' | `0x${string}`;
  symbol: string | null;
  decimals: number | null;
  amount: string;
};

/**
 * What a dry run of the transaction on the current chain state says. Advisory: it never
 * changes what is signed. `eth_call` is the fallback on nodes without `eth_simulateV1`
 * (success or revert, no balance changes).
 */
export type SimulationView =
  | { method: 'eth_simulateV1'; outcome: 'success'; changes: BalanceChangeView[] }
  | { method: 'eth_call'; outcome: 'success' }
  | { method: 'eth_simulateV1' | 'eth_call'; outcome: 'revert'; reason: string | null }
  | { method: null; outcome: 'unavailable'; reason: string };

export type ApprovalView =
  | { kind: 'connect'; address: `0x${string}`; chain: ChainSummary }
  | {
      kind: 'sign-message';
      address: `0x${string}`;
      /** The message as UTF-8 text when it is text, else null (then `hex` is shown). */
      text: string | null;
      hex: `0x${string}`;
      siwe: SiweView | null;
    }
  | {
      kind: 'sign-typed-data';
      address: `0x${string}`;
      primaryType: string;
      domain: {
        name: string | null;
        version: string | null;
        chainId: string | null;
        verifyingContract: string | null;
      };
      message: TypedDataNode[];
      warnings: string[];
      /** EIP-2612 Permit / Permit2 decoded: who may spend what, until when. */
      permits?: WarningView[];
    }
  | {
      kind: 'transaction';
      from: `0x${string}`;
      to: `0x${string}` | null;
      chain: ChainSummary;
      valueWei: string;
      data: `0x${string}`;
      /** The called function when the selector is one we know (ERC-20/721 and the like). */
      call: { selector: `0x${string}`; signature: string | null; args: string[] } | null;
      gas: string;
      fees:
        | { type: 'eip1559'; maxFeePerGas: string; maxPriorityFeePerGas: string }
        | { type: 'legacy'; gasPrice: string };
      /** value + gas × highest fee per gas: the most this can cost. */
      maxTotalWei: string;
      /** The dry run's outcome (absent where no preview was made). */
      simulation?: SimulationView;
      warnings?: WarningView[];
    }
  | {
      /** EIP-5792 `wallet_sendCalls`: one approval for calls sent one after another. */
      kind: 'send-calls';
      from: `0x${string}`;
      chain: ChainSummary;
      calls: TransactionView[];
      /** Sum of the calls' totals at most. */
      maxTotalWei: string;
    }
  | { kind: 'add-chain'; chain: ChainSummary & { rpcUrl: string; explorerUrl: string | null } }
  | { kind: 'switch-chain'; from: ChainSummary; to: ChainSummary }
  /** `wallet_watchAsset`: follow this ERC-20 (read from the chain; `balance` is the account's, raw units). */
  | { kind: 'watch-asset'; chain: ChainSummary; token: TokenView };

export type TransactionView = Extract<ApprovalView, { kind: 'transaction' }>;

export type ApprovalRequest = {
  id: string;
  /** The requesting site, from the browser's sender information. */
  origin: string;
  createdAt: number;
  view: ApprovalView;
};

export type ConnectedSite = {
  origin: string;
  accounts: `0x${string}`[];
  connectedAt: number;
  /** Whether this site's pages see `isMetaMask: true` (its own choice, else the global one). */
  metaMaskFlag: boolean;
};

/** The connected-sites screen: the sites and the global MetaMask-compatibility choice. */
export type SitesView = { ok: true; sites: ConnectedSite[]; metaMaskFlag: boolean };

export type DappReplies = {
  'dapp-approvals': { ok: true; requests: ApprovalRequest[] };
  'dapp-decide': { ok: true; remaining: number };
  'dapp-sites': SitesView;
  'dapp-revoke-site': SitesView;
  'dapp-metamask-flag': SitesView;
};
