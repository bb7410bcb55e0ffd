import { useEffect, useState } from 'preact/hooks';
import type { ActivityView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatDate } from '../../../shared/ui/format.ts';

const kinds: Record<ActivityView['kind'], string> = { send: 'Sent', sign: 'Signed', connect: 'Connected' };

/** What the wallet did: transactions sent, messages signed, sites connected. */
export function Activity() {
  const [items, setItems] = useState<ActivityView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  useEffect(() => {
    callWallet({ type: 'wallet-activity' }).then(
      (reply) => setItems(reply.items),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  return (
    <section class="stack" aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      <ErrorNote advice={error} />
      {items === null && error === null && <p class="muted">Loading…</p>}
      {items?.length === 0 && <p class="muted">Nothing yet. Transactions and signatures will appear here.</p>}
      {items !== null && items.length > 0 && (
        <ul class="list">
          {items.map((item) => (
            <li key={item.id} class="list-item">
              <div>
                <strong>{kinds[item.kind]}</strong> {item.summary}
                <div class="muted small">
                  {item.origin ?? 'this wallet'} · {formatDate(item.at)}
                </div>
              </div>
              <span class={`badge badge-${item.status}`}>{item.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
