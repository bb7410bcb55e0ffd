/**
 * EIP-6963 multi-wallet discovery: announce at once on load (synchronously, while the
 * script runs) and again, synchronously, whenever a dApp dispatches
 * `eip6963:requestProvider`: dApps take the first answers they get. The uuid is fresh for
 * each page load; the rdns is the build's (vite.config.ts TRINE_RDNS).
 */
import logo from '../shared/logo.svg?raw';
import type { TrineProvider } from './provider.ts';
import { uuidV4 } from './uuid.ts';

declare const __TRINE_RDNS__: string;

export type ProviderInfo = { uuid: string; name: string; icon: string; rdns: string };

export function announceProvider(provider: TrineProvider): void {
  const info: ProviderInfo = Object.freeze({
    uuid: uuidV4(),
    name: 'Trine',
    icon: `data:image/svg+xml,${encodeURIComponent(logo.trim())}`,
    rdns: __TRINE_RDNS__,
  });
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
    );
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}
