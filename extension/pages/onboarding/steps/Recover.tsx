import { useEffect, useState } from 'preact/hooks';
import type { FactorProofInput, FactorView, WalletState } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { factorNames } from '../../../shared/ui/format.ts';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { ProveFactor } from '../../../shared/ui/ProveFactor.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { passkeyPrf } from '../../passkey/ceremony.ts';

export type RecoverProps = {
  onState: (state: WalletState) => void;
  onSignIn: () => void;
};

/**
 * Two factors, no nodes (wallet-recover): prove one, then another; the background rebuilds
 * the key from this browser's copy of the wallet record or the metadata server's. A passkey
 * runs here, in the tab. Nothing is kept between the two steps but the first proof, in
 * this component's state, until the call.
 */
export function Recover({ onState, onSignIn }: RecoverProps) {
  const task = useTask();
  const [types, setTypes] = useState<FactorView['type'][] | null>(null);
  const [first, setFirst] = useState<FactorProofInput | null>(null);
  useEffect(() => {
    task
      .run(() => callWallet({ type: 'wallet-recover-options' }))
      .then((reply) => reply && setTypes(reply.factorTypes));
  }, []);

  const prove = async (proof: () => Promise<FactorProofInput>) => {
    if (first === null) {
      const proven = await task.run(proof);
      if (proven !== undefined) setFirst(proven);
      return;
    }
    const reply = await task.run(async () =>
      callWallet({ type: 'wallet-recover', first, second: await proof() }),
    );
    if (reply === undefined) return setFirst(null); // the error says which; start again
    const { ok: _, ...state } = reply;
    onState(state);
  };
  const passkey = async (): Promise<FactorProofInput> => ({ type: 'passkey', prfOutput: await passkeyPrf() });

  return (
    <section class="stack" aria-labelledby="recover-step">
      <p>
        No sign-in and no key-holding nodes needed: any two of your wallet's factors rebuild your key on this
        device.
      </p>
      <h2 id="recover-step">{first === null ? 'First factor' : 'Second factor'}</h2>
      {first !== null && (
        <p class="muted" data-testid="first-factor">
          First factor: {factorNames[first.type]} ✓{' '}
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => setFirst(null)}
            disabled={task.busy}
          >
            Change
          </button>
        </p>
      )}
      {types !== null && (
        <ProveFactor
          key={first === null ? 'first' : 'second'}
          types={first?.type === 'device' ? types.filter((t) => t !== 'device') : types}
          submitLabel={first === null ? 'Continue' : 'Recover'}
          busy={task.busy}
          onProof={(proof) => prove(async () => proof)}
          onPasskey={() => prove(passkey)}
        />
      )}
      {task.busy && first !== null && <Progress label="Recovering your wallet" event={task.progress} />}
      <ErrorNote advice={task.error} />
      <button type="button" class="button button-secondary" onClick={onSignIn} disabled={task.busy}>
        Back to sign-in
      </button>
    </section>
  );
}
