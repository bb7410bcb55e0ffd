import { useState } from 'preact/hooks';
import type { WalletState } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';

/** Minutes without use before the wallet locks itself (1 to 1440). */
export function AutoLock({ minutes, onState }: { minutes: number; onState: (state: WalletState) => void }) {
  const task = useTask();
  const [value, setValue] = useState(String(minutes));
  const [saved, setSaved] = useState(false);
  const parsed = Number(value);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 1440;
  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const next = await task.run(() => callWallet({ type: 'wallet-settings-set', autoLockMinutes: parsed }));
    if (next === undefined) return;
    setSaved(true);
    onState(next);
  };
  return (
    <form class="card stack" onSubmit={save}>
      <h2>Auto-lock</h2>
      <div class="row">
        <label for="auto-lock">Lock after (minutes)</label>
        <input
          id="auto-lock"
          type="number"
          min={1}
          max={1440}
          step={1}
          value={value}
          aria-invalid={!valid}
          aria-describedby="auto-lock-hint"
          onInput={(event) => {
            setSaved(false);
            setValue(event.currentTarget.value);
          }}
        />
        <button type="submit" class="button button-secondary button-small" disabled={!valid || task.busy}>
          Save
        </button>
      </div>
      <small id="auto-lock-hint" class={valid ? 'muted' : 'status-bad'}>
        {valid
          ? 'Locking wipes the key from memory; unlocking needs your sign-in and a factor.'
          : 'Use a whole number from 1 to 1440.'}
      </small>
      {saved && (
        <span class="status-ok" role="status">
          Saved.
        </span>
      )}
      <ErrorNote advice={task.error} />
    </form>
  );
}
