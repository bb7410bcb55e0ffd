import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { Progress } from '../../../shared/ui/Progress.tsx';
import { useTask } from '../../../shared/ui/useTask.ts';
import { createPasskey, PrfUnsupportedError } from '../../passkey/ceremony.ts';

export type CreateWalletProps = {
  email: string | null;
  onPhrase: (phrase: string) => void;
  /** Passkeys cannot hold keys here (reason), or the user chose another way (null). */
  onFallback: (reason: string | null) => void;
};

/** Step 2 (new account): a passkey as the first factor, plus a recovery phrase. */
export function CreateWallet(p: CreateWalletProps) {
  const task = useTask();
  const create = async () => {
    let passkey: Awaited<ReturnType<typeof createPasskey>>;
    try {
      passkey = await createPasskey({ name: p.email ?? 'Trine wallet' });
    } catch (error) {
      if (error instanceof PrfUnsupportedError) return p.onFallback(error.message);
      await task.run(() => Promise.reject(error));
      return;
    }
    const reply = await task.run(() =>
      callWallet({
        type: 'wallet-register',
        first: { type: 'passkey', ...passkey, label: 'Passkey' },
        withRecoveryPhrase: true,
      }),
    );
    if (reply !== undefined) p.onPhrase(reply.recoveryPhrase ?? '');
  };
  return (
    <section class="stack">
      <p>
        There is no wallet for {p.email ?? 'this account'} yet. Create one with a <strong>passkey</strong>:
        your device unlocks the wallet with your fingerprint, face or PIN. A recovery phrase is made at the
        same time, for when this device is lost.
      </p>
      {task.busy ? (
        <Progress label="Creating your wallet" event={task.progress} />
      ) : (
        <div class="actions">
          <button type="button" class="button button-primary" autofocus onClick={create}>
            Create wallet with a passkey
          </button>
          <button type="button" class="button button-secondary" onClick={() => p.onFallback(null)}>
            Use a device key or password instead
          </button>
        </div>
      )}
      <ErrorNote advice={task.error} />
    </section>
  );
}
