/**
 * Settings → Chains: the networks the wallet knows, the one in use (switched from Home),
 * and the user's own networks: add, edit, remove. Built-in networks are listed, not changed.
 */
import './chains.css';
import { useEffect, useState } from 'preact/hooks';
import type { ChainView } from '../../../../src/messages/wallet.ts';
import { ConfirmDialog } from '../../../shared/ui/ConfirmDialog.tsx';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { ChainForm } from './ChainForm.tsx';

type Form = { editing: ChainView | null } | null;

export function Chains() {
  const [chains, setChains] = useState<ChainView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [removing, setRemoving] = useState<ChainView | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    callWallet({ type: 'wallet-chains' }).then(
      (reply) => setChains(reply.chains),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  const remove = async (chain: ChainView) => {
    setRemoving(null);
    setError(null);
    try {
      setChains((await callWallet({ type: 'wallet-remove-chain', chainId: chain.chainId })).chains);
      setSaid(`${chain.name} removed.`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div class="card stack">
      <h2>Chains</h2>
      <ul class="list" aria-label="Chains">
        {chains?.map((chain) => (
          <li key={chain.chainId} class="list-item chain-item" data-chain-id={chain.chainId}>
            <div class="chain-text">
              <strong>{chain.name}</strong>{' '}
              <span class="muted small">
                id {BigInt(chain.chainId).toString()} · {chain.symbol}
              </span>
              <div class="muted small mono">{chain.rpcUrl}</div>
              <div>
                {chain.selected && <span class="badge badge-ok">in use</span>}
                {chain.builtIn && <span class="badge">built in</span>}
              </div>
            </div>
            {!chain.builtIn && (
              <div class="row">
                <button
                  type="button"
                  class="button button-secondary button-small"
                  aria-label={`Edit ${chain.name}`}
                  onClick={() => setForm({ editing: chain })}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  aria-label={`Remove ${chain.name}`}
                  onClick={() => setRemoving(chain)}
                >
                  Remove
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {form === null ? (
        <button type="button" class="button button-secondary" onClick={() => setForm({ editing: null })}>
          Add a network
        </button>
      ) : (
        <ChainForm
          key={form.editing?.chainId ?? 'new'}
          editing={form.editing}
          onCancel={() => setForm(null)}
          onSaved={(reply) => {
            setChains(reply.chains);
            setSaid(form.editing === null ? 'Network added.' : 'Network saved.');
            setForm(null);
          }}
        />
      )}
      {removing !== null && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          danger
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            The tokens you follow on it are forgotten too.
            {removing.selected &&
              ' The wallet switches to the first built-in network, and connected sites are told.'}
          </p>
        </ConfirmDialog>
      )}
      <p class="sr-only" role="status">
        {said}
      </p>
      <ErrorNote advice={error} />
    </div>
  );
}
