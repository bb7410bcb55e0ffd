import type { WalletProgressEvent } from '../../../src/messages/wallet.ts';

/** A long step in progress: what it is doing now, and a bar when it can count. */
export function Progress({ label, event }: { label: string; event: WalletProgressEvent | null }) {
  const counted = event?.done !== undefined && event.total !== undefined && event.total > 0;
  return (
    <div class="progress" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <div class="progress-text">
        <strong>{label}</strong>
        {event !== null && <span class="muted">{event.text}</span>}
        {counted && <progress max={event.total} value={event.done} aria-label={event.text} />}
      </div>
    </div>
  );
}
