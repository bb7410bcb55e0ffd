import type { WalletState } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { Brand } from '../../../shared/ui/Logo.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { ProveFactor } from '../../../shared/ui/ProveFactor.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { openTab } from '../../openTab.ts';

export type UnlockProps = {
  state: Extract<WalletState, { state: 'needs-factor' }>;
  onState: (state: WalletState) => void;
};

/**
 * Signed in, key not rebuilt yet (a new device, or after a lock): prove a factor. A passkey
 * needs a tab (its prompt would close the popup), the others are typed here.
 */
export function Unlock({ state, onState }: UnlockProps) {
  const task = useTask();
  return (
    <div class="popup">
      <header class="popup-header">
        <Brand size={28} />
      </header>
      <main class="popup-main stack">
        <h1>Unlock your wallet</h1>
        <p class="muted">
          Signed in{state.email === null ? '' : ` as ${state.email}`}. Use one of your wallet's factors on
          this device.
        </p>
        <ProveFactor
          types={
            state.factorTypes.length > 0 ? state.factorTypes : ['passkey', 'phrase', 'password', 'imported']
          }
          submitLabel="Unlock"
          busy={task.busy}
          onPasskey={() => openTab('pages/onboarding.html')}
          onProof={async (proof) => {
            const next = await task.run(() => callWallet({ type: 'wallet-unlock', proof }));
            if (next !== undefined) onState(next);
          }}
        />
        {task.busy && <Progress label="Unlocking" event={task.progress} />}
        <ErrorNote
          advice={task.error}
          onSignIn={() => openTab('pages/onboarding.html')}
          onRecover={() => openTab('pages/onboarding.html#recover')}
        />
      </main>
    </div>
  );
}
