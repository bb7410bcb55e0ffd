/**
 * Accounts: every account of the wallet (one key, no new shares), which one this browser
 * uses, and add / rename / switch. Names live in the wallet's record, so other devices see
 * them; the selection is this browser's own.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AccountView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { AccountRow } from './AccountRow.tsx';

export function Accounts({ onChanged, onBack }: { onChanged: () => void; onBack: () => void }) {
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  useEffect(() => {
    callWallet({ type: 'wallet-accounts' }).then(
      (reply) => setAccounts(reply.accounts),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  /** Run one change; the list comes back from the background. */
  const run = async (change: () => Promise<{ accounts: AccountView[] }>, selectionChanged = false) => {
    setBusy(true);
    setError(null);
    try {
      setAccounts((await change()).accounts);
      if (selectionChanged) onChanged();
      return true;
    } catch (failure) {
      setError(errorText(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="stack" aria-labelledby="accounts-title">
      <div class="row">
        <button type="button" class="button button-secondary button-small" onClick={onBack}>
          Back
        </button>
        <h1 id="accounts-title" class="section-title">
          Accounts
        </h1>
      </div>
      {accounts === null && error === null && <p class="muted">Loading…</p>}
      {accounts !== null && (
        <ul class="list" aria-label="Accounts of this wallet">
          {accounts.map((account) => (
            <AccountRow
              key={account.index}
              account={account}
              busy={busy}
              onSelect={() =>
                run(() => callWallet({ type: 'wallet-select-account', index: account.index }), true)
              }
              onRename={(name) =>
                run(
                  () => callWallet({ type: 'wallet-rename-account', index: account.index, name }),
                  account.selected,
                )
              }
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        class="button"
        disabled={busy || accounts === null}
        onClick={() => run(() => callWallet({ type: 'wallet-add-account' }))}
      >
        Add account
      </button>
      <p class="muted small">
        Every account comes from your one wallet key: your factors unlock them all, and a new device sees the
        same accounts.
      </p>
      <ErrorNote advice={error} />
    </section>
  );
}
