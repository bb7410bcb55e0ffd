/**
 * The OAuth redirect target: hand the whole URL to the background, then drop the code
 * and tokens from this tab's address and history.
 */
import '../../shared/ui/theme.css';
import { isTrineError } from '../../../src/errors/index.ts';
import { callBackground } from '../../../src/messages/client.ts';

const status = document.getElementById('status')!;
const url = window.location.href;
history.replaceState(null, '', window.location.pathname);

callBackground({ type: 'oauth-callback', url }).then(
  ({ providerError }) => {
    if (providerError === null) {
      status.textContent = 'Signed in. You can close this tab.';
      status.className = 'status-ok';
    } else {
      status.textContent = `The provider did not sign you in (${providerError}).`;
      status.className = 'status-bad';
    }
  },
  (error: unknown) => {
    status.textContent = isTrineError(error) ? `Sign-in failed: ${error.message}` : 'Sign-in failed.';
    status.className = 'status-bad';
  },
);
