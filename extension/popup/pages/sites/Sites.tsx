/**
 * Connected sites: every origin that may see the address, when it was connected, and a
 * Disconnect button. Disconnecting tells the site's open tabs (`accountsChanged` → []).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConnectedSite } from '../../../../src/messages/dapp.ts';
import { callDapp } from '../../../pages/approval/client.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatDate } from '../../../shared/ui/format.ts';

export function Sites() {
  const [sites, setSites] = useState<ConnectedSite[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    callDapp({ type: 'dapp-sites' }).then(
      (reply) => setSites(reply.sites),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  const revoke = async (origin: string) => {
    setBusy(origin);
    try {
      setSites((await callDapp({ type: 'dapp-revoke-site', origin })).sites);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="stack" aria-labelledby="sites-title">
      <h1 id="sites-title">Connected sites</h1>
      <ErrorNote advice={error} />
      {sites === null && error === null && <p class="muted">Loading…</p>}
      {sites?.length === 0 && (
        <p class="muted">No site is connected. Sites you connect the wallet to will be listed here.</p>
      )}
      {sites !== null && sites.length > 0 && (
        <ul class="list" aria-label="Connected sites">
          {sites.map((site) => (
            <li key={site.origin} class="list-item">
              <div>
                <strong class="mono">{site.origin}</strong>
                <div class="muted small">Connected {formatDate(site.connectedAt)}</div>
              </div>
              <button
                type="button"
                class="button button-small button-danger"
                disabled={busy !== null}
                aria-label={`Disconnect ${site.origin}`}
                onClick={() => revoke(site.origin)}
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
