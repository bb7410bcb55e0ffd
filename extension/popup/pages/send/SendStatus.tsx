/**
 * After Confirm: the transaction's hash and its status as the chain settles it (pending →
 * confirmed / failed, or replaced / cancelled), read from the activity list, which looks
 * the pending ones up on their chain each time.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ActivityView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { statusText } from '../activity/statusText.ts';

const POLL_MS = 1_000;

export function SendStatus({
  activityId,
  hash,
  onDone,
}: {
  activityId: string;
  hash: string;
  onDone: () => void;
}) {
  const [entry, setEntry] = useState<ActivityView | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      const found = (await callWallet({ type: 'wallet-activity' }).catch(() => null))?.items.find(
        (item) => item.id === activityId,
      );
      if (stopped) return;
      if (found !== undefined) setEntry(found);
      if (found?.status === 'pending' || found === undefined) timer = setTimeout(look, POLL_MS);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [activityId]);
  const status = entry?.status ?? 'pending';
  return (
    <section class="stack" aria-labelledby="sent-title">
      <h1 id="sent-title" class="section-title">
        Sent
      </h1>
      <div class="send-status">
        <p role="status" data-testid="send-status">
          <span class={`badge badge-${status}`}>{status}</span> {statusText[status]}
        </p>
        {entry !== null && <p class="muted">{entry.summary}</p>}
        <span class="small muted">Transaction</span>
        <span class="mono send-hash" data-testid="send-hash">
          {hash}
        </span>
        {entry?.explorerUrl != null && (
          <a href={entry.explorerUrl} target="_blank" rel="noopener noreferrer">
            View on the explorer
          </a>
        )}
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
