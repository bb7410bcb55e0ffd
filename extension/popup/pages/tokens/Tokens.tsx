/**
 * The followed ERC-20 tokens of the selected network with the account's balances (read
 * fresh each time Home opens, the network changes, or a transaction settles), add by
 * address, remove.
 */
import './tokens.css';
import { useEffect, useState } from 'preact/hooks';
import type { TokenView, WalletReplies } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { tokenAmount } from '../../../shared/ui/tokenAmount.ts';
import { AddToken } from './AddToken.tsx';

/**
 * The first list is asked for as soon as the popup's code loads, beside its status call,
 * instead of after Home mounts: one message round trip and the chain's batch sooner on
 * screen (bench/popup.bench.ts). Taken once, while fresh; locked or failed, Home asks again.
 */
const EARLY_FRESH_MS = 3_000;
let early: { at: number; reply: Promise<WalletReplies['wallet-tokens']> } | null = {
  at: performance.now(),
  reply: callWallet({ type: 'wallet-tokens' }),
};
early.reply.catch(() => {});

function readTokens(): Promise<WalletReplies['wallet-tokens']> {
  const taken = early;
  early = null;
  const ask = () => callWallet({ type: 'wallet-tokens' });
  if (taken === null || performance.now() - taken.at > EARLY_FRESH_MS) return ask();
  return taken.reply.catch(ask);
}

export function Tokens({ networkName, refresh }: { networkName: string; refresh: number }) {
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  useEffect(() => {
    let current = true;
    readTokens().then(
      (reply) => current && setTokens(reply.tokens),
      (failure: unknown) => current && setError(errorText(failure)),
    );
    return () => {
      current = false;
    };
  }, [refresh]);
  useEffect(() => {
    // For bench/popup.bench.ts: when the balances are on screen.
    if (tokens !== null) performance.mark('trine:tokens-rendered');
  }, [tokens]);
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
