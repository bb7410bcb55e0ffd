/**
 * The followed ERC-20 tokens of the selected network with the account's balances (read
 * fresh each time Home opens, the network changes, or a transaction settles), add by
 * address, remove.
 */
import './tokens.css';
import { useEffect, useState } from 'preact/hooks';
import type { TokenView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { tokenAmount } from '../../../shared/ui/tokenAmount.ts';
import { AddToken } from './AddToken.tsx';

export function Tokens({ networkName, refresh }: { networkName: string; refresh: number }) {
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  useEffect(() => {
    let current = true;
    callWallet({ type: 'wallet-tokens' }).then(
      (reply) => current && setTokens(reply.tokens),
      (failure: unknown) => current && setError(errorText(failure)),
    );
    return () => {
      current = false;
    };
  }, [refresh]);
  const remove = async (token: TokenView) => {
    setBusy(true);
    setError(null);
    try {
      setTokens((await callWallet({ type: 'wallet-remove-token', address: token.address })).tokens);
      setSaid(`${token.symbol} removed.`);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="stack tokens" aria-labelledby="tokens-title">
      <div class="tokens-head">
        <h2 id="tokens-title">Tokens</h2>
        {!adding && (
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => {
              setSaid('');
              setAdding(true);
            }}
          >
            Add token
          </button>
        )}
      </div>
      {adding && (
        <AddToken
          networkName={networkName}
          onCancel={() => setAdding(false)}
          onAdded={(reply) => {
            setTokens(reply.tokens);
            setAdding(false);
            setSaid(`${reply.added.symbol} added.`);
          }}
        />
      )}
      {tokens === null && error === null && <p class="muted small">Loading tokens…</p>}
      {tokens?.length === 0 && !adding && <p class="muted small">No tokens followed on {networkName}.</p>}
      {tokens !== null && tokens.length > 0 && (
        <ul class="list" aria-label={`Tokens on ${networkName}`} data-testid="token-list">
          {tokens.map((token) => (
            <li key={token.address} class="list-item token-item" data-token={token.address}>
              <div class="token-text">
                <strong class="token-symbol">{token.symbol}</strong>
                {token.name !== null && <span class="muted small token-name">{token.name}</span>}
              </div>
              <span class="token-balance" data-testid="token-balance">
                {tokenAmount(token.balance, token.decimals)}
                <span class="sr-only"> {token.symbol}</span>
              </span>
              <button
                type="button"
                class="button button-ghost button-small"
                disabled={busy}
                aria-label={`Remove ${token.symbol}`}
                onClick={() => remove(token)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="sr-only" role="status">
        {said}
      </p>
      <ErrorNote advice={error} />
    </section>
  );
}
