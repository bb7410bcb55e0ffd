import { useState } from 'preact/hooks';
import type { FactorEnrolInput } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { PasswordFields } from '../../../shared/ui/PasswordFields.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';

/** Step 2 without a passkey: a device key kept in this browser, or a password. */
export function Fallback({
  reason,
  onPhrase,
}: {
  reason: string | null;
  onPhrase: (phrase: string) => void;
}) {
  const task = useTask();
  const [choice, setChoice] = useState<'device' | 'password'>('device');
  const register = async (first: FactorEnrolInput) => {
    const reply = await task.run(() =>
      callWallet({ type: 'wallet-register', first, withRecoveryPhrase: true }),
    );
    if (reply !== undefined) onPhrase(reply.recoveryPhrase ?? '');
  };
  return (
    <section class="stack">
      {reason !== null && (
        <p class="warning" role="note">
          A passkey cannot hold your wallet here: {reason}. Choose another way below.
        </p>
      )}
      <fieldset class="choices">
        <legend>Unlock this wallet with</legend>
        <label class="choice">
          <input
            type="radio"
            name="first-factor"
            checked={choice === 'device'}
            onChange={() => setChoice('device')}
          />
          A device key kept in this browser
        </label>
        <label class="choice">
          <input
            type="radio"
            name="first-factor"
            checked={choice === 'password'}
            onChange={() => setChoice('password')}
          />
          A password
        </label>
      </fieldset>
      {/* The form stays while the wallet is made, so a refused password can be corrected in place. */}
      {choice === 'device' ? (
        <>
          <p class="muted">
            The key stays in this browser's storage. If you lose this browser, your recovery phrase brings the
            wallet back.
          </p>
          <button
            type="button"
            class="button button-primary"
            disabled={task.busy}
            onClick={() => register({ type: 'device', label: 'This browser' })}
          >
            Create wallet with a device key
          </button>
        </>
      ) : (
        <PasswordFields
          busy={task.busy}
          submitLabel="Create wallet with a password"
          onSubmit={(password) => register({ type: 'password', password, label: 'Password' })}
        />
      )}
      {task.busy && <Progress label="Creating your wallet" event={task.progress} />}
      <ErrorNote advice={task.error} />
    </section>
  );
}
