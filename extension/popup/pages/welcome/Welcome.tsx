import browser from 'webextension-polyfill';
import { Brand } from '../shared/ui/Logo.tsx';
import { type BackgroundStatus, useBackgroundStatus } from './hooks/useBackgroundStatus.ts';

/** First screen: who we are, the way in, and whether the background answers. */
export function App() {
  const status = useBackgroundStatus();
  return (
    <div class="popup">
      <header>
        <Brand size={32} />
      </header>
      <section class="popup-hero" aria-labelledby="popup-title">
        <img src={browser.runtime.getURL('icons/icon-128.png')} width={96} height={96} alt="" />
        <h1 id="popup-title">Your key, never in one place</h1>
        <p class="muted">Sign in to open your wallet, or to create one on this device.</p>
        {/* The popup has one action: focus it for the keyboard. */}
        <button type="button" class="button button-primary" autofocus onClick={openOnboarding}>
          Sign in
        </button>
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

/** Sign-in takes focus away (provider page, passkey), which would close the popup: use a tab. */
async function openOnboarding() {
  await browser.tabs.create({ url: browser.runtime.getURL('pages/onboarding.html') });
  window.close();
}
