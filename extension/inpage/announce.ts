/**
 * EIP-6963 multi-wallet discovery: announce once on load and again whenever a dApp
 * dispatches `eip6963:requestProvider`. The uuid is fresh for each page load.
 */
import logo from '../shared/logo.svg?raw';
import type { TrineProvider } from './provider.ts';
import { uuidV4 } from './uuid.ts';

export type ProviderInfo = { uuid: string; name: string; icon: string; rdns: string };

export function announceProvider(provider: TrineProvider): void {
  const info: ProviderInfo = Object.freeze({
    uuid: uuidV4(),
    name: 'Trine',
    icon: `data:image/svg+xml,${encodeURIComponent(logo.trim())}`,
    rdns: 'local.trine',
  });
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
    );
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}
