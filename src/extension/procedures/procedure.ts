/**
 * A wallet procedure: what one `wallet-*` message (src/messages/wallet.ts) does, given the
 * worker's parts and the one session state. `exclusive` procedures change the wallet and run
 * one at a time; `use: false` marks the two that do not count as using the wallet (status,
 * lock), so they do not postpone the auto-lock.
 */
import type { WalletMessage, WalletProgressEvent, WalletReplies } from '../../messages/wallet.ts';
import type { WalletBackend } from '../../wallet/backend.ts';
import type { Progress } from '../../wallet/progress.ts';
import type { ExtensionConfig } from '../config.ts';
import type { WalletDb } from '../db.ts';
import type { AuthorizationChannel } from '../oidc/signInWithProvider.ts';
import type { SendServices } from '../send/services.ts';
import type { SessionState } from '../session/sessionState.ts';

/** The worker's parts, as the background wires them (extension/background/wallet.ts). */
export type WalletParts = {
  config: ExtensionConfig;
  db: () => Promise<WalletDb>;
  backend: WalletBackend;
  channel: AuthorizationChannel;
  broadcast: (event: WalletProgressEvent) => void;
  fetchFn?: typeof fetch;
  /** Keyring, chains, nonces, activity: what Send shares with dApp transactions (absent in tests without a chain). */
  sending?: () => SendServices;
};

export type WalletContext = WalletParts & {
  state: SessionState;
  now: () => number;
  /** Reports a step to every open page (a courtesy: nobody listening is fine). */
  progress: (p: Progress) => void;
};

export type MessageOf<T extends WalletMessage['type']> = Extract<WalletMessage, { type: T }>;

export type Procedure<T extends WalletMessage['type']> = {
  run(ctx: WalletContext, message: MessageOf<T>): Promise<WalletReplies[T]>;
  exclusive?: true;
  use?: false;
};
