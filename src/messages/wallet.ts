/**
 * The wallet procedures: what the popup and the full-tab pages may ask the background.
 * Defined once; the background validates every call against these schemas and the pages
 * import the types. No reply ever carries k, m, a share or a factor key — with two
 * deliberate exceptions the user asks for and is warned about: a new recovery phrase
 * (shown once to be written down) and the exported private key (behind re-authentication).
 */
import * as v from 'valibot';
import type { TransactionView } from './dapp.ts';

const hex = (bytes: number) => v.pipe(v.string(), v.regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`)));
const label = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));

/** How the user proves a factor (unlock, new device, re-authentication). */
export const FactorProofInput = v.variant('type', [
  /** PRF output of the passkey ceremony run in pages/passkey (32 bytes). */
  v.strictObject({ type: v.literal('passkey'), prfOutput: hex(32) }),
  v.strictObject({ type: v.literal('phrase'), phrase: v.pipe(v.string(), v.maxLength(1000)) }),
  v.strictObject({
    type: v.literal('password'),
    password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  }),
  /** The device key kept in this browser's IndexedDB (the background finds it). */
  v.strictObject({ type: v.literal('device') }),
  v.strictObject({ type: v.literal('imported'), key: hex(32) }),
]);
export type FactorProofInput = v.InferOutput<typeof FactorProofInput>;

/** A factor to enrol (registration or add). */
export const FactorEnrolInput = v.variant('type', [
  v.strictObject({
    type: v.literal('passkey'),
    prfOutput: hex(32),
    credentialId: v.pipe(v.string(), v.maxLength(1024)),
    label,
  }),
  /** The background generates the 24 words and returns them once. */
  v.strictObject({ type: v.literal('phrase'), label }),
  v.strictObject({ type: v.literal('password'), password: v.pipe(v.string(), v.maxLength(256)), label }),
  /** The background generates and keeps a device key in IndexedDB. */
  v.strictObject({ type: v.literal('device'), label }),
  v.strictObject({ type: v.literal('imported'), key: hex(32), label }),
]);
export type FactorEnrolInput = v.InferOutput<typeof FactorEnrolInput>;

/** One factor as the factors screen shows it. */
export type FactorView = {
  pub: string;
  type: 'passkey' | 'phrase' | 'password' | 'device' | 'imported';
  label: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** This browser holds the device key / this was the factor used to unlock. */
  thisDevice: boolean;
};

export type WalletState =
  /** No login in progress, nothing unlocked. */
  | { state: 'signed-out' }
  /** The OpenID login and the nodes answered; waiting for a factor (existing wallet). */
  | { state: 'needs-factor'; email: string | null; factorTypes: FactorView['type'][] }
  /** The nodes do not know this identity: a new wallet can be created. */
  | { state: 'needs-registration'; email: string | null }
  /**
   * `network: false`: rebuilt from two factors without the nodes (wallet-recover). Signing,
   * dApps, balance and export work; managing factors needs a sign-in (nodes and an id token).
   */
  | {
      state: 'unlocked';
      /** The selected account's address (EIP-55). */
      address: `0x${string}`;
      /** The selected account (index 0 is the wallet's key itself). */
      account: { index: number; name: string };
      email: string | null;
      autoLockMinutes: number;
      network: boolean;
    };

/** One of the wallet's accounts as the accounts screen shows it. */
export type AccountView = {
  index: number;
  name: string;
  /** EIP-55 checksummed. */
  address: `0x${string}`;
  /** The account this browser signs with. */
  selected: boolean;
};

/** An account index (31 bits, src/wallet/accounts.ts). */
const accountIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0x7fff_ffff));
/** An account name; the background also trims it and allows 1 to 40 characters. */
const accountName = v.pipe(v.string(), v.maxLength(100));

/** A 20-byte address, any case (the background checksums it). */
const evmAddress = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address of 20 bytes'));
const chainId = v.pipe(v.string(), v.regex(/^0x[0-9a-f]{1,16}$/));
const httpUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2048),
  v.url('expected a URL'),
  v.regex(/^https?:\/\//, 'expected an http(s) URL'),
);

/** A chain as the user enters it in Settings → Chains. */
export const ChainInput = v.strictObject({
  chainId,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  rpcUrl: httpUrl,
  symbol: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(12)),
  explorerUrl: v.optional(v.nullable(httpUrl)),
});
export type ChainInput = v.InferOutput<typeof ChainInput>;

/** The Send screen's fields as typed; the background checks them (src/extension/send/). */
const sendTo = v.pipe(v.string(), v.maxLength(256));
const sendAmount = v.pipe(v.string(), v.maxLength(100));
const sendToken = v.nullable(v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'expected a token address')));
/** A prepared send's id (one use, short-lived). */
const sendId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'expected a send id'));

export const WalletMessage = v.variant('type', [
  v.strictObject({ type: v.literal('wallet-status') }),
  /** Run the OpenID login (identity API) and ask the nodes. `interactive: false` = silent re-login. */
  v.strictObject({
    type: v.literal('wallet-sign-in'),
    interactive: v.boolean(),
    provider: v.optional(v.pipe(v.string(), v.maxLength(64))),
  }),
  v.strictObject({ type: v.literal('wallet-unlock'), proof: FactorProofInput }),
  v.strictObject({
    type: v.literal('wallet-register'),
    first: FactorEnrolInput,
    /** Also create a recovery phrase now (offered during onboarding). */
    withRecoveryPhrase: v.boolean(),
  }),
  /**
   * Two factors rebuild the key without the nodes (signed out, or signed in and waiting for
   * a factor): from this browser's cached record, else from the metadata server.
   */
  v.strictObject({ type: v.literal('wallet-recover'), first: FactorProofInput, second: FactorProofInput }),
  /** Which factor types recovery can use here (the device key only if this browser has one). */
  v.strictObject({ type: v.literal('wallet-recover-options') }),
  v.strictObject({ type: v.literal('wallet-lock') }),
  v.strictObject({ type: v.literal('wallet-factors') }),
  v.strictObject({ type: v.literal('wallet-add-factor'), factor: FactorEnrolInput }),
  v.strictObject({ type: v.literal('wallet-remove-factor'), pub: hex(33) }),
  v.strictObject({
    type: v.literal('wallet-settings-set'),
    autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  }),
  /** The private key, after proving a factor again. */
  v.strictObject({ type: v.literal('wallet-export-key'), proof: FactorProofInput }),
  v.strictObject({ type: v.literal('wallet-balance') }),
  v.strictObject({ type: v.literal('wallet-activity') }),
  v.strictObject({ type: v.literal('wallet-chains') }),
  v.strictObject({
    type: v.literal('wallet-select-chain'),
    chainId: v.pipe(v.string(), v.regex(/^0x[0-9a-f]{1,16}$/)),
  }),
  v.strictObject({ type: v.literal('wallet-accounts') }),
  /** One more account from the same key (the record's private part lists it). */
  v.strictObject({ type: v.literal('wallet-add-account'), name: v.optional(accountName) }),
  v.strictObject({ type: v.literal('wallet-rename-account'), index: accountIndex, name: accountName }),
  /** This browser signs with account `index` from now on. */
  v.strictObject({ type: v.literal('wallet-select-account'), index: accountIndex }),
  /**
   * Check a send (recipient: an address, checksum checked when mixed case, or an ENS name;
   * amount: decimal in the asset's units or "max"; token: an ERC-20, null for the coin),
   * build it and return its review. Nothing is signed.
   */
  v.strictObject({
    type: v.literal('wallet-send-prepare'),
    to: sendTo,
    amount: sendAmount,
    token: sendToken,
  }),
  /** A pending send again with the same nonce and higher fees: the same transaction, or a 0-value self-send. */
  v.strictObject({
    type: v.literal('wallet-replace-prepare'),
    activityId: v.pipe(v.string(), v.maxLength(64)),
    mode: v.picklist(['speed-up', 'cancel']),
  }),
  /** Sign and broadcast a prepared send (or replacement) the user reviewed. */
  v.strictObject({ type: v.literal('wallet-send-confirm'), id: sendId }),
  /** The followed ERC-20 tokens of the selected chain, with the selected account's balances. */
  v.strictObject({ type: v.literal('wallet-tokens') }),
  /** Follow the ERC-20 at `address` on the selected chain (symbol, decimals and name read from the chain). */
  v.strictObject({ type: v.literal('wallet-add-token'), address: evmAddress }),
  v.strictObject({ type: v.literal('wallet-remove-token'), address: evmAddress }),
  /** A user chain; its RPC must answer `eth_chainId` with `chainId`. */
  v.strictObject({ type: v.literal('wallet-add-chain'), chain: ChainInput }),
  /** Change a user chain's name, RPC, symbol or explorer (not its id); the RPC is checked again. */
  v.strictObject({ type: v.literal('wallet-edit-chain'), chain: ChainInput }),
  /** Forget a user chain; if it was selected, the first built-in chain is selected. */
  v.strictObject({ type: v.literal('wallet-remove-chain'), chainId }),
]);
export type WalletMessage = v.InferOutput<typeof WalletMessage>;

export type ChainView = {
  chainId: `0x${string}`;
  name: string;
  rpcUrl: string;
  symbol: string;
  selected: boolean;
  /** Built in (configured or a well-known public chain): cannot be edited or removed. */
  builtIn: boolean;
  /** The block explorer's base URL (e.g. https://etherscan.io), if known. */
  explorerUrl: string | null;
};
/** A followed ERC-20 on the selected chain with the selected account's balance. */
export type TokenView = {
  /** EIP-55 checksummed. */
  address: `0x${string}`;
  symbol: string;
  name: string | null;
  decimals: number;
  /** Raw units (no decimals applied), as a decimal string. */
  balance: string;
};
export type ActivityView = {
  id: string;
  kind: 'send' | 'sign' | 'connect';
  origin: string | null;
  hash: `0x${string}` | null;
  /** `replaced` / `cancelled`: another transaction with its nonce was mined instead. */
  status: 'pending' | 'confirmed' | 'failed' | 'replaced' | 'cancelled' | 'done';
  summary: string;
  at: number;
  chainId: `0x${string}` | null;
  /** The transaction on the chain's block explorer, where the chain has one. */
  explorerUrl: string | null;
  /** A pending send of this wallet's account: it can be sped up or cancelled. */
  replaceable: boolean;
};

/** A transaction to review before it is signed, in the approval window's own view. */
export type SendReview = {
  ok: true;
  /** For `wallet-send-confirm`. */
  id: string;
  /** One line: "Send 1.5 ETH to 0x…", "Speed up: …". */
  summary: string;
  view: TransactionView;
};

export type WalletReplies = {
  'wallet-status': { ok: true } & WalletState;
  'wallet-sign-in': { ok: true } & WalletState;
  'wallet-unlock': { ok: true } & WalletState;
  /** `recoveryPhrase` only when one was created: show once, never store. */
  'wallet-register': { ok: true; recoveryPhrase: string | null } & WalletState;
  'wallet-recover': { ok: true } & WalletState;
  'wallet-recover-options': { ok: true; factorTypes: FactorView['type'][] };
  'wallet-lock': { ok: true } & WalletState;
  'wallet-factors': { ok: true; factors: FactorView[] };
  'wallet-add-factor': { ok: true; factors: FactorView[]; recoveryPhrase: string | null };
  'wallet-remove-factor': { ok: true; factors: FactorView[] };
  'wallet-settings-set': { ok: true } & WalletState;
  'wallet-export-key': { ok: true; privateKey: `0x${string}` };
  'wallet-balance': { ok: true; chainId: `0x${string}`; wei: string; symbol: string };
  'wallet-activity': { ok: true; items: ActivityView[] };
  'wallet-chains': { ok: true; chains: ChainView[] };
  'wallet-select-chain': { ok: true; chains: ChainView[] };
  'wallet-accounts': { ok: true; accounts: AccountView[] };
  'wallet-add-account': { ok: true; accounts: AccountView[]; added: AccountView };
  'wallet-rename-account': { ok: true; accounts: AccountView[] };
  'wallet-select-account': { ok: true; accounts: AccountView[] };
  'wallet-send-prepare': SendReview;
  'wallet-replace-prepare': SendReview;
  'wallet-send-confirm': { ok: true; hash: `0x${string}`; activityId: string };
  'wallet-tokens': { ok: true; chainId: `0x${string}`; tokens: TokenView[] };
  'wallet-add-token': { ok: true; chainId: `0x${string}`; tokens: TokenView[]; added: TokenView };
  'wallet-remove-token': { ok: true; chainId: `0x${string}`; tokens: TokenView[] };
  'wallet-add-chain': { ok: true; chains: ChainView[] };
  'wallet-edit-chain': { ok: true; chains: ChainView[] };
  'wallet-remove-chain': { ok: true; chains: ChainView[] };
};

/**
 * Broadcast by the background (runtime.sendMessage) when an activity entry is recorded or
 * changes status (a send mined or failed): screens showing balances read them again.
 */
export type WalletActivityChangedEvent = { type: 'wallet-activity-changed' };

/** Broadcast by the background (runtime.sendMessage) during long steps. */
export type WalletProgressEvent = {
  type: 'wallet-progress';
  step: 'nodes' | 'record' | 'factor' | 'create' | 'install' | 'refresh' | 'write' | 'done';
  /** e.g. "Nodes answered 3/5". */
  text: string;
  done?: number;
  total?: number;
};
