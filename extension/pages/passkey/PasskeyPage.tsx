/**
 * The passkey tab, opened from the popup (whose window would close under the passkey
 * prompt): add a passkey to the unlocked wallet, unlock with one, or re-authenticate with
 * one to export the key.
 */
import { useState } from 'preact/hooks';
import { callWallet } from '../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../shared/ui/ErrorNote.tsx';
import { uniqueLabel } from '../../shared/ui/format.ts';
import { PageShell } from '../../shared/ui/PageShell.tsx';
import { Progress } from '../../shared/ui/Progress.tsx';
import { useTask } from '../../shared/ui/useTask.ts';
import { createPasskey, PrfUnsupportedError, passkeyPrf } from './ceremony.ts';

export type PasskeyAction = 'add' | 'unlock' | 'export';

const titles: Record<PasskeyAction, string> = {
  add: 'Add a passkey',
  unlock: 'Unlock with a passkey',
  export: 'Export the private key',
};

export function PasskeyPage({ action }: { action: PasskeyAction }) {
  const task = useTask();
  const [result, setResult] = useState<string | null>(null);
  const [unsupported, setUnsupported] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const go = async () => {
    setUnsupported(null);
    const done = await task.run(async () => {
      try {
        return await perform(action, setKey);
      } catch (error) {
        if (error instanceof PrfUnsupportedError) {
          setUnsupported(error.message);
          return undefined;
        }
        throw error;
      }
    });
    if (done !== undefined) setResult(done);
  };
  return (
    <PageShell title={titles[action]}>
      {action === 'export' && (
        <p class="warning">
          The exported key is the whole wallet in one place: anyone who sees it can take everything. Export it
          only to move to another wallet.
        </p>
      )}
      {result === null ? (
        <>
          <p class="muted">Your browser will ask for the passkey: fingerprint, face, PIN or security key.</p>
          {task.busy ? (
            <Progress label="Waiting for the passkey" event={task.progress} />
          ) : (
            <button type="button" class="button button-primary" autofocus onClick={go}>
              {action === 'add' ? 'Create a passkey' : 'Use a passkey'}
            </button>
          )}
        </>
      ) : (
        <p class="status-ok" role="status">
          {result}
        </p>
      )}
      {key !== null && (
        <div class="stack">
          <label for="exported-key">Private key</label>
          <textarea id="exported-key" class="mono" readOnly rows={2} value={key} />
          <button type="button" class="button button-primary" onClick={() => window.close()}>
            Hide the key and close
          </button>
        </div>
      )}
      {unsupported !== null && (
        <p class="warning" role="alert">
          A passkey cannot hold your wallet here: {unsupported}. Add a device key or a password from the
          wallet's Factors screen instead.
        </p>
      )}
      <ErrorNote advice={task.error} />
    </PageShell>
  );
}

async function perform(action: PasskeyAction, showKey: (key: string) => void): Promise<string> {
  switch (action) {
    case 'add': {
      const status = await callWallet({ type: 'wallet-status' });
      const name = (status.state === 'unlocked' && status.email) || 'Trine wallet';
      const { factors } = await callWallet({ type: 'wallet-factors' });
      const passkey = await createPasskey({ name });
      await callWallet({
        type: 'wallet-add-factor',
        factor: { type: 'passkey', ...passkey, label: uniqueLabel('Passkey', factors) },
      });
      return 'Passkey added. It unlocks this wallet from now on; you can close this tab.';
    }
    case 'unlock': {
      const prfOutput = await passkeyPrf();
      await callWallet({ type: 'wallet-unlock', proof: { type: 'passkey', prfOutput } });
      return 'Unlocked. You can close this tab and open Trine from the toolbar.';
    }
    case 'export': {
      const prfOutput = await passkeyPrf();
      const { privateKey } = await callWallet({
        type: 'wallet-export-key',
        proof: { type: 'passkey', prfOutput },
      });
      showKey(privateKey);
      return 'Passkey accepted.';
    }
  }
}
