import type { WalletState } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';

/**
 * Step 1: the OpenID sign-in (the provider's page opens), then the nodes are asked. When
 * they cannot be reached, two factors still open the wallet (`onRecover`).
 */
export function SignIn({
  onState,
  onRecover,
}: {
  onState: (state: WalletState) => void;
  onRecover: () => void;
}) {
  const task = useTask();
  const signIn = async () => {
    const state = await task.run(() => callWallet({ type: 'wallet-sign-in', interactive: true }));
    if (state !== undefined) onState(state);
  };
  return (
    <section class="stack">
      <p class="muted">
        Your key is split: one part is held by independent servers that release it only to your sign-in, the
        others by factors you keep, such as a passkey or a recovery phrase. No single place ever holds the
        whole key.
      </p>
      <ol class="plain-list">
        <li>Sign in with your account</li>
        <li>Create your wallet, or unlock it if you already have one</li>
        <li>Add a passkey and back up your recovery phrase</li>
      </ol>
      {task.busy ? (
        <Progress label="Signing in" event={task.progress} />
      ) : (
        <button type="button" class="button button-primary" autofocus onClick={signIn}>
          Sign in
        </button>
      )}
      <ErrorNote advice={task.error} onRecover={onRecover} />
    </section>
  );
}
