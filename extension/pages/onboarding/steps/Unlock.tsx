import type { FactorProofInput, WalletState } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { ProveFactor } from '../../../shared/ui/ProveFactor.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { passkeyPrf } from '../../passkey/ceremony.ts';

export type UnlockProps = {
  state: Extract<WalletState, { state: 'needs-factor' }>;
  onUnlocked: (used: FactorProofInput['type'], state: WalletState) => void;
  onSignIn: () => void;
};

/** Step 2 (existing wallet): prove one of the wallet's factors. */
export function Unlock({ state, onUnlocked, onSignIn }: UnlockProps) {
  const task = useTask();
  const unlock = async (proof: () => Promise<FactorProofInput>) => {
    const reply = await task.run(async () => {
      const input = await proof();
      return { used: input.type, state: await callWallet({ type: 'wallet-unlock', proof: input }) };
    });
    if (reply !== undefined) onUnlocked(reply.used, reply.state);
  };
  return (
    <section class="stack">
      <p>
        Signed in{state.email === null ? '' : ` as ${state.email}`}. Your wallet exists: unlock it with one of
        its factors.
      </p>
      <ProveFactor
        types={
          state.factorTypes.length > 0 ? state.factorTypes : ['passkey', 'phrase', 'password', 'imported']
        }
        submitLabel="Unlock"
        busy={task.busy}
        onProof={(proof) => unlock(async () => proof)}
        onPasskey={() => unlock(async () => ({ type: 'passkey', prfOutput: await passkeyPrf() }))}
      />
      {task.busy && <Progress label="Unlocking" event={task.progress} />}
      <ErrorNote advice={task.error} onSignIn={onSignIn} />
    </section>
  );
}
