/**
 * Send: the chain's coin or a followed ERC-20 (or a token by its address) to an address or
 * an ENS name. The background checks everything and builds the transaction
 * (`wallet-send-prepare`); the review is the approval window's own view; Confirm signs in
 * the background (`wallet-send-confirm`) and the status follows the chain.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatUnits } from 'viem';
import type { SendReview, TokenView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatBalance } from '../../../shared/ui/format.ts';
import { TextField } from '../../../shared/ui/TextField.tsx';
import { Review } from './Review.tsx';
import { SendStatus } from './SendStatus.tsx';
import './send.css';

/** The asset select's value: the coin, a followed token's address, or another token typed in. */
const COIN = 'coin';
const OTHER = 'other';

type Stage =
  | { step: 'form' }
  | { step: 'review'; review: SendReview }
  | { step: 'sent'; hash: string; activityId: string };

export function Send({ onBack }: { onBack: () => void }) {
  const [coin, setCoin] = useState<{ symbol: string; wei: string } | null>(null);
  const [tokens, setTokens] = useState<TokenView[]>([]);
  const [asset, setAsset] = useState(COIN);
  const [tokenAddress, setTokenAddress] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [stage, setStage] = useState<Stage>({ step: 'form' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorAdvice | null>(null);

  useEffect(() => {
    callWallet({ type: 'wallet-balance' }).then(setCoin, (failure: unknown) => setError(errorText(failure)));
    callWallet({ type: 'wallet-tokens' }).then(
      (reply) => setTokens(reply.tokens),
      () => setTokens([]), // the coin can still be sent
    );
  }, []);

  const token = tokens.find((t) => t.address === asset);
  const balanceHint =
    asset === COIN
      ? coin === null
        ? undefined
        : `Balance: ${formatBalance(coin.wei)} ${coin.symbol}`
      : token === undefined
        ? undefined
        : `Balance: ${formatUnits(BigInt(token.balance), token.decimals)} ${token.symbol}`;

  const prepare = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const review = await callWallet({
        type: 'wallet-send-prepare',
        to,
        amount,
        token: asset === COIN ? null : asset === OTHER ? tokenAddress.trim() : asset,
      });
      setStage({ step: 'review', review });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (review: SendReview) => {
    setBusy(true);
    setError(null);
    try {
      const sent = await callWallet({ type: 'wallet-send-confirm', id: review.id });
      setStage({ step: 'sent', hash: sent.hash, activityId: sent.activityId });
    } catch (failure) {
      setError(errorText(failure));
      setStage({ step: 'form' });
    } finally {
      setBusy(false);
    }
  };

  if (stage.step === 'review')
    return (
      <Review
        review={stage.review}
        busy={busy}
        onConfirm={() => confirm(stage.review)}
        onReject={() => setStage({ step: 'form' })}
      />
    );
  if (stage.step === 'sent')
    return <SendStatus hash={stage.hash} activityId={stage.activityId} onDone={onBack} />;
  return (
    <section class="stack" aria-labelledby="send-title">
      <div class="row">
        <button type="button" class="button button-secondary button-small" onClick={onBack}>
          Back
        </button>
        <h1 id="send-title" class="section-title">
          Send
        </h1>
      </div>
      <form class="stack" onSubmit={prepare} noValidate>
        <div class="field">
          <label for="send-asset">Asset</label>
          <select
            id="send-asset"
            value={asset}
            onChange={(e) => setAsset((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value={COIN}>{coin?.symbol ?? 'Coin'}</option>
            {tokens.map((t) => (
              <option key={t.address} value={t.address}>
                {t.symbol}
              </option>
            ))}
            <option value={OTHER}>Another token (by address)</option>
          </select>
        </div>
        {asset === OTHER && (
          <TextField
            label="Token contract address"
            value={tokenAddress}
            onInput={setTokenAddress}
            hint="0x… of an ERC-20 token on this network"
          />
        )}
        <TextField label="To" value={to} onInput={setTo} autoFocus hint="An address (0x…) or an ENS name" />
        <div class="send-amount">
          <TextField
            label="Amount"
            value={amount}
            onInput={setAmount}
            {...(balanceHint === undefined ? {} : { hint: balanceHint })}
          />
          <button type="button" class="button button-secondary button-small" onClick={() => setAmount('max')}>
            Max
          </button>
        </div>
        <ErrorNote advice={error} />
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Review'}
        </button>
      </form>
    </section>
  );
}
