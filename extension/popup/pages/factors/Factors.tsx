/**
 * The wallet's factors: what each is, when it was added and last used; add another; remove
 * one (the shares are refreshed, so the removed factor never opens the wallet again).
 */
import { useEffect, useState } from 'preact/hooks';
import type { FactorEnrolInput, FactorView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { uniqueLabel } from '../../../shared/ui/format.ts';
import { PasswordFields } from '../../../shared/ui/PasswordFields.tsx';
import { PhraseBackup } from '../../../shared/ui/PhraseBackup.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { openTab } from '../../openTab.ts';
import { FactorList } from './FactorList.tsx';
import { RemoveDialog } from './RemoveDialog.tsx';

type Mode = { name: 'list' } | { name: 'password' } | { name: 'phrase'; phrase: string };

/** `network: false` (recovered without the nodes): a sign-in comes first, in the onboarding tab. */
export function Factors({ onLocked, network }: { onLocked: () => void; network: boolean }) {
  const task = useTask();
  const [factors, setFactors] = useState<FactorView[] | null>(null);
  const [mode, setMode] = useState<Mode>({ name: 'list' });
  const [removing, setRemoving] = useState<FactorView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [label, setLabel] = useState('Loading the factors');
  useEffect(() => {
    task
      .run(() => callWallet({ type: 'wallet-factors' }))
      .then((reply) => reply && setFactors(reply.factors));
  }, []);

  const add = async (factor: FactorEnrolInput, what: string) => {
    factor.label = uniqueLabel(factor.label, factors ?? []);
    setDone(null);
    setLabel(`Adding the ${what.toLowerCase()}`);
    const reply = await task.run(() => callWallet({ type: 'wallet-add-factor', factor }));
    if (reply === undefined) return;
    setFactors(reply.factors);
    if (reply.recoveryPhrase !== null) return setMode({ name: 'phrase', phrase: reply.recoveryPhrase });
    setMode({ name: 'list' });
    setDone(`${what} added.`);
  };
  const remove = async (factor: FactorView) => {
    setRemoving(null);
    setDone(null);
    setLabel('Refreshing shares');
    const reply = await task.run(() => callWallet({ type: 'wallet-remove-factor', pub: factor.pub }));
    if (reply === undefined) return;
    setFactors(reply.factors);
    setDone(`“${factor.label}” removed. The shares were refreshed: it no longer opens this wallet.`);
  };

  if (mode.name === 'phrase')
    return (
      <PhraseBackup
        phrase={mode.phrase}
        onDone={() => {
          setMode({ name: 'list' });
          setDone('Recovery phrase added.');
        }}
      />
    );
  return (
    <section class="stack" aria-labelledby="factors-title">
      <h1 id="factors-title">Factors</h1>
      <p class="muted small">Any one of these, with your sign-in, unlocks the wallet.</p>
      {factors !== null && <FactorList factors={factors} busy={task.busy} onRemove={setRemoving} />}
      {task.busy && <Progress label={label} event={task.progress} />}
      {done !== null && (
        <p class="status-ok" role="status">
          {done}
        </p>
      )}
      <ErrorNote
        advice={task.error}
        onSignIn={network ? onLocked : () => openTab('pages/onboarding.html#sign-in')}
      />
      {mode.name === 'password' ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape in any of its fields closes the form
        <div
          class="stack"
          onKeyDown={(event) => {
            // Escape closes this form only (the popup would otherwise go back to Home).
            if (event.key !== 'Escape') return;
            event.preventDefault();
            setMode({ name: 'list' });
          }}
        >
          <h2>Add a password</h2>
          <PasswordFields
            autoFocus
            busy={task.busy}
            submitLabel="Add password"
            onSubmit={(password) => add({ type: 'password', password, label: 'Password' }, 'Password')}
          />
          <button type="button" class="button button-ghost" onClick={() => setMode({ name: 'list' })}>
            Cancel
          </button>
        </div>
      ) : (
        <div class="stack">
          <h2>Add a factor</h2>
          <div class="grid-2">
            <button
              type="button"
              class="button button-secondary"
              disabled={task.busy}
              onClick={() => openTab('pages/passkey.html?action=add')}
            >
              Passkey
            </button>
            <button
              type="button"
              class="button button-secondary"
              disabled={task.busy}
              onClick={() => add({ type: 'phrase', label: 'Recovery phrase' }, 'Recovery phrase')}
            >
              Recovery phrase
            </button>
            <button
              type="button"
              class="button button-secondary"
              disabled={task.busy}
              onClick={() => setMode({ name: 'password' })}
            >
              Password
            </button>
            <button
              type="button"
              class="button button-secondary"
              disabled={task.busy}
              onClick={() => add({ type: 'device', label: 'This browser' }, 'Device key')}
            >
              Device key
            </button>
          </div>
        </div>
      )}
      {removing !== null && (
        <RemoveDialog
          factor={removing}
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
