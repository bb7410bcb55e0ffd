/**
 * A send (or a speed-up / cancel) before it is signed: its one-line summary, then the very
 * view the approval window shows a dApp's transaction (RequestView, with the preview), and
 * Reject / Confirm. Nothing is signed until Confirm.
 */
import type { SendReview } from '../../../../src/messages/wallet.ts';
import '../../../pages/approval/approval.css';
import { RequestView } from '../../../pages/approval/RequestView.tsx';
import './send.css';

export function Review({
  review,
  busy,
  confirmLabel = 'Confirm',
  note,
  onConfirm,
  onReject,
}: {
  review: SendReview;
  busy: boolean;
  confirmLabel?: string;
  /** What this transaction does, when the view alone does not say (a speed-up, a cancel). */
  note?: string;
  onConfirm: () => void;
  onReject: () => void;
}) {
  return (
    <section class="stack send-review" aria-labelledby="review-title">
      <h1 id="review-title" class="section-title">
        Review
      </h1>
      <p class="send-summary" data-testid="send-summary">
        {review.summary}
      </p>
      {note !== undefined && <p class="muted">{note}</p>}
      <RequestView view={review.view} />
      <div class="actions">
        <button type="button" class="button button-secondary" disabled={busy} onClick={onReject}>
          Reject
        </button>
        <button type="button" class="button button-primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </section>
  );
}
