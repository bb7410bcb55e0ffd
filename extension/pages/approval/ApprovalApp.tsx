/**
 * The approval window: the oldest waiting request with the requesting site shown first
 * and large, Approve / Reject, and how many more wait. The background closes the window
 * when nothing is left; closing it by hand rejects everything still waiting.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ApprovalRequest } from '../../../src/messages/dapp.ts';
import { Brand } from '../../shared/ui/Logo.tsx';
import { callDapp } from './client.ts';
import { RequestView } from './RequestView.tsx';

const approveLabel: Record<ApprovalRequest['view']['kind'], string> = {
  connect: 'Connect',
  'sign-message': 'Sign',
  'sign-typed-data': 'Sign',
  transaction: 'Send',
  'send-calls': 'Send all',
  'add-chain': 'Add and switch',
  'switch-chain': 'Switch',
  'watch-asset': 'Add token',
};

export function ApprovalApp() {
  const [requests, setRequests] = useState<ApprovalRequest[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    callDapp({ type: 'dapp-approvals' }).then(
      (reply) => setRequests(reply.requests),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void load();
    const listener = (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'dapp-approvals-changed') void load();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  const decide = async (id: string, approve: boolean) => {
    setBusy(true);
    try {
      await callDapp({ type: 'dapp-decide', id, approve });
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const current = requests?.[0];
  return (
    <main class="page approval">
      <Brand />
      {error !== null && (
        <p class="error-note" role="alert">
          {error}
        </p>
      )}
      {requests === null && <p class="muted">Loading…</p>}
      {requests !== null && current === undefined && <p class="muted">No requests are waiting.</p>}
      {current !== undefined && (
        <article class="stack" aria-label="Request">
          <header class="origin-banner">
            <span class="small muted">Request from</span>
            <strong class="origin" data-testid="origin">
              {current.origin}
            </strong>
            {requests !== null && requests.length > 1 && (
              <span class="small muted">1 of {requests.length} waiting</span>
            )}
          </header>
          <RequestView view={current.view} />
          <div class="actions">
            <button
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() => decide(current.id, false)}
            >
              Reject
            </button>
            <button
              type="button"
              class="button button-primary"
              disabled={busy}
              onClick={() => decide(current.id, true)}
            >
              {approveLabel[current.view.kind]}
            </button>
          </div>
        </article>
      )}
    </main>
  );
}
