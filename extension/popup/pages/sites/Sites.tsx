/**
 * Connected sites: every origin that may see the address, when it was connected, and a
 * Disconnect button. Disconnecting tells the site's open tabs (`accountsChanged` → []).
 * Also the MetaMask-compatibility switch (pages' providers say `isMetaMask`), for every
 * site and per connected site; a page sees a change at its next load.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConnectedSite, DappMessage, SitesView } from '../../../../src/messages/dapp.ts';
import { callDapp } from '../../../pages/approval/client.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatDate } from '../../../shared/ui/format.ts';

export function Sites() {
  const [sites, setSites] = useState<ConnectedSite[] | null>(null);
  const [metaMaskFlag, setMetaMaskFlag] = useState(true);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const show = (view: SitesView) => {
    setSites(view.sites);
    setMetaMaskFlag(view.metaMaskFlag);
  };
  useEffect(() => {
    callDapp({ type: 'dapp-sites' }).then(show, (failure: unknown) => setError(errorText(failure)));
  }, []);
  const change = async (
    key: string,
    message: DappMessage & { type: 'dapp-revoke-site' | 'dapp-metamask-flag' },
  ) => {
    setBusy(key);
    try {
      show(await callDapp(message));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };
  const revoke = (origin: string) => change(origin, { type: 'dapp-revoke-site', origin });
  return (
    <section class="stack" aria-labelledby="sites-title">
      <h1 id="sites-title">Connected sites</h1>
      <ErrorNote advice={error} />
      <label class="row">
        <input
          type="checkbox"
          checked={metaMaskFlag}
          disabled={busy !== null}
          aria-label="MetaMask compatibility for every site"
          onChange={(e) =>
            change('*', { type: 'dapp-metamask-flag', enabled: (e.target as HTMLInputElement).checked })
          }
        />
        <span>
          MetaMask compatibility
          <span class="muted small"> (sites see isMetaMask; they can still tell Trine by isTrine)</span>
        </span>
      </label>
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
                <label class="small">
                  <input
                    type="checkbox"
                    checked={site.metaMaskFlag}
                    disabled={busy !== null}
                    aria-label={`MetaMask compatibility for ${site.origin}`}
                    onChange={(e) =>
                      change(site.origin, {
                        type: 'dapp-metamask-flag',
                        origin: site.origin,
                        enabled: (e.target as HTMLInputElement).checked,
                      })
                    }
                  />{' '}
                  MetaMask compatibility
                </label>
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
