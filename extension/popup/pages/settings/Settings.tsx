import type { WalletState } from '../../../../src/messages/wallet.ts';
import { AutoLock } from './AutoLock.tsx';
import { Chains } from './Chains.tsx';
import { ExportKey } from './ExportKey.tsx';

export type SettingsProps = {
  state: Extract<WalletState, { state: 'unlocked' }>;
  onState: (state: WalletState) => void;
  onLocked: () => void;
};

/** Auto-lock, the chains the wallet knows, and the key export. */
export function Settings({ state, onState, onLocked }: SettingsProps) {
  return (
    <section class="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <AutoLock minutes={state.autoLockMinutes} onState={onState} />
      <Chains />
      <ExportKey onLocked={onLocked} />
    </section>
  );
}
