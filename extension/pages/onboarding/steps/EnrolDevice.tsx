import { useState } from 'preact/hooks';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { createPasskey } from '../../passkey/ceremony.ts';

/** Step 3 (existing wallet, new device): a passkey or device key, so the phrase can stay in its drawer. */
export function EnrolDevice({ email, onDone }: { email: string | null; onDone: () => void }) {
  const task = useTask();
  const [added, setAdded] = useState<string | null>(null);
  const addPasskey = async () => {
    const reply = await task.run(async () => {
      const passkey = await createPasskey({ name: email ?? 'Trine wallet' });
      return callWallet({
        type: 'wallet-add-factor',
        factor: { type: 'passkey', ...passkey, label: 'Passkey' },
      });
    });
    if (reply !== undefined) setAdded('A passkey was added.');
  };
  const addDeviceKey = async () => {
    const reply = await task.run(() =>
      callWallet({ type: 'wallet-add-factor', factor: { type: 'device', label: 'This browser' } }),
    );
    if (reply !== undefined) setAdded('A device key was added to this browser.');
  };
  if (added !== null)
    return (
      <section class="stack">
        <p class="status-ok" role="status">
          {added} This device now unlocks the wallet without your recovery phrase.
        </p>
        <button type="button" class="button button-primary" autofocus onClick={onDone}>
          Continue
        </button>
      </section>
    );
  return (
    <section class="stack">
      <p>
        Your wallet is unlocked. Enrol this device so you can unlock it next time without your recovery
        phrase.
      </p>
      {task.busy ? (
        <Progress label="Adding the factor" event={task.progress} />
      ) : (
        <div class="actions">
          <button type="button" class="button button-primary" autofocus onClick={addPasskey}>
            Add a passkey
          </button>
          <button type="button" class="button button-secondary" onClick={addDeviceKey}>
            Add a device key
          </button>
          <button type="button" class="button button-ghost" onClick={onDone}>
            Not now
          </button>
        </div>
      )}
      <ErrorNote advice={task.error} />
    </section>
  );
}
