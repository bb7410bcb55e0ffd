import browser from 'webextension-polyfill';
import { Brand } from '../../../shared/ui/Logo.tsx';
import { type BackgroundStatus, useBackgroundStatus } from '../../hooks/useBackgroundStatus.ts';
import { openTab } from '../../openTab.ts';

/**
 * Signed out (or registration unfinished): who we are and the way in. Sign-in runs in a
 * tab, since the provider's page and the passkey prompt would close the popup; so does the
 * recovery with two factors (it may need a passkey), which works without the nodes.
 */
export function Welcome({ registering }: { registering: boolean }) {
  const status = useBackgroundStatus();
  return (
    <div class="popup">
      <header>
        <Brand size={32} />
      </header>
      <section class="popup-hero" aria-labelledby="popup-title">
        <img src={browser.runtime.getURL('icons/icon-128.png')} width={96} height={96} alt="" />
        <h1 id="popup-title">
          {registering ? 'Finish creating your wallet' : 'Your key, never in one place'}
        </h1>
        <p class="muted">
          {registering
            ? 'You are signed in; your wallet is not created yet.'
            : 'Sign in to open your wallet, or to create one on this device.'}
        </p>
        {/* The popup has one action: focus it for the keyboard. */}
        <button
          type="button"
          class="button button-primary"
          autofocus
          onClick={() => openTab('pages/onboarding.html')}
        >
          {registering ? 'Continue' : 'Sign in'}
        </button>
        {!registering && (
          <button
            type="button"
            class="button button-secondary"
            onClick={() => openTab('pages/onboarding.html#recover')}
          >
            Recover with two factors
          </button>
        )}
      </section>
      <footer class="popup-footer" role="status" aria-live="polite">
        <StatusLine status={status} />
      </footer>
    </div>
  );
}

function StatusLine({ status }: { status: BackgroundStatus }) {
  switch (status.state) {
    case 'checking':
      return <span class="muted">Connecting to the wallet…</span>;
    case 'ready':
      return <span class="status-ok">Wallet service running · v{status.version}</span>;
    case 'unreachable':
      return <span class="status-bad">Wallet service not answering: {status.message}</span>;
  }
}
