/**
 * What the wallet did: transactions sent (from here and by sites), messages signed, sites
 * connected, newest first. A send shows its status as the chain settles it (pending ones are
 * looked up again whenever the list is read, and every few seconds while any is pending),
 * a link to the explorer where the chain has one, and — while pending — Speed up and Cancel:
 * a replacement with the same nonce and higher fees, reviewed before it is signed.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ActivityView, SendReview } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatDate } from '../../../shared/ui/format.ts';
import { Review } from '../send/Review.tsx';
import '../send/send.css';
import { statusText } from './statusText.ts';

const kinds: Record<Exclude<ActivityView['kind'], 'send'>, string> = { sign: 'Signed', connect: 'Connected' };
const POLL_MS = 2_000;
const replacement = {
  'speed-up': {
    label: 'Confirm speed-up',
    note: 'The same transaction again, with the same nonce and higher fees: whichever is mined first counts, the other is dropped.',
  },
  cancel: {
    label: 'Confirm cancel',
    note: 'A transfer of nothing to yourself with the same nonce and higher fees: if it is mined first, the original is dropped. Its fee is still paid.',
  },
} as const;

export function Activity() {
  const [items, setItems] = useState<ActivityView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [review, setReview] = useState<{ review: SendReview; mode: 'speed-up' | 'cancel' } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      callWallet({ type: 'wallet-activity' }).then(
        (reply) => setItems(reply.items),
        (failure: unknown) => setError(errorText(failure)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const anyPending = items?.some((item) => item.status === 'pending') ?? false;
  useEffect(() => {
    if (!anyPending || review !== null) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [anyPending, review, load]);

  const replace = async (activityId: string, mode: 'speed-up' | 'cancel') => {
    setBusy(true);
    setError(null);
    try {
      setReview({ review: await callWallet({ type: 'wallet-replace-prepare', activityId, mode }), mode });
    } catch (failure) {
      setError(errorText(failure));
      void load();
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      await callWallet({ type: 'wallet-send-confirm', id });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setReview(null);
      setBusy(false);
      void load();
    }
  };

  if (review !== null)
    return (
      <Review
        review={review.review}
        busy={busy}
        confirmLabel={replacement[review.mode].label}
        note={replacement[review.mode].note}
        onConfirm={() => confirm(review.review.id)}
        onReject={() => setReview(null)}
      />
    );
  return (
    <section class="stack" aria-labelledby="activity-title">
      <div class="row activity-head">
        <h1 id="activity-title" class="section-title">
          Activity
        </h1>
        <button
          type="button"
          class="button button-secondary button-small"
          disabled={busy}
          onClick={() => load()}
        >
          Refresh
        </button>
      </div>
      <ErrorNote advice={error} />
      {items === null && error === null && <p class="muted">Loading…</p>}
      {items?.length === 0 && <p class="muted">Nothing yet. Transactions and signatures will appear here.</p>}
      {items !== null && items.length > 0 && (
        <ul class="list" aria-label="Activity">
          {items.map((item) => (
            <li
              key={item.id}
              class="list-item activity-item"
              data-testid="activity-item"
              data-status={item.status}
            >
              <div class="activity-text">
                {/* A send's summary says it ("Sent 1 ETH to …"); the others get their kind first. */}
                {item.kind === 'send' ? (
                  <strong>{item.summary}</strong>
                ) : (
                  <>
                    <strong>{kinds[item.kind]}</strong> {item.summary}
                  </>
                )}
                <div class="muted small">
                  {item.origin ?? 'this wallet'} · {formatDate(item.at)}
                </div>
                {item.hash !== null && (
                  <div class="mono small send-hash" title="Transaction hash">
                    {item.hash}
                  </div>
                )}
                {item.explorerUrl !== null && (
                  <a class="small" href={item.explorerUrl} target="_blank" rel="noopener noreferrer">
                    View on the explorer
                  </a>
                )}
              </div>
              <span class={`badge badge-${item.status}`} title={statusText[item.status]}>
                {item.status}
              </span>
              {item.replaceable && (
                <div class="activity-actions">
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={busy}
                    onClick={() => replace(item.id, 'speed-up')}
                  >
                    Speed up
                  </button>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={busy}
                    onClick={() => replace(item.id, 'cancel')}
                  >
                    Cancel
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
