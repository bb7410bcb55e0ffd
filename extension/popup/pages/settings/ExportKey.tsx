/**
 * The private key, for moving to another wallet: behind a clear warning and proof of a
 * factor again. Shown in this component only, hidden on leaving, never stored.
 */
import { useState } from 'preact/hooks';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { ProveFactor } from '../../../shared/ui/ProveFactor.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { openTab } from '../../openTab.ts';

export function ExportKey({ onLocked }: { onLocked: () => void }) {
  const task = useTask();
  const [step, setStep] = useState<'closed' | 'prove' | 'shown'>('closed');
  const [key, setKey] = useState<string | null>(null);
  const hide = () => {
    setKey(null);
    setStep('closed');
  };
  return (
    <div class="card stack">
      <h2>Export the private key</h2>
      <p class="warning">
        The exported key is the whole wallet in one place: anyone who sees it can take everything, without
        your sign-in or factors. Export it only to move to another wallet, never paste it into a website.
      </p>
      {step === 'closed' && (
        <button type="button" class="button button-secondary" onClick={() => setStep('prove')}>
          Export private key…
        </button>
      )}
      {step === 'prove' && (
        <>
          <p>Prove a factor again to see the key.</p>
          <ProveFactor
            types={['phrase', 'password', 'device', 'imported', 'passkey']}
            submitLabel="Show private key"
            busy={task.busy}
            onPasskey={() => openTab('pages/passkey.html?action=export')}
            onProof={async (proof) => {
              const reply = await task.run(() => callWallet({ type: 'wallet-export-key', proof }));
              if (reply === undefined) return;
              setKey(reply.privateKey);
              setStep('shown');
            }}
          />
          <button type="button" class="button button-ghost" onClick={hide}>
            Cancel
          </button>
        </>
      )}
      {step === 'shown' && key !== null && (
        <>
          <label for="exported-key">Private key</label>
          <textarea id="exported-key" class="mono" readOnly rows={2} value={key} />
          <button type="button" class="button button-primary" autofocus onClick={hide}>
            Hide the key
          </button>
        </>
      )}
      <ErrorNote advice={task.error} onSignIn={onLocked} />
    </div>
  );
}
