/**
 * The in-page provider, injected into the MAIN world of every frame at document_start.
 * Built as one self-contained classic script (no imports at run time).
 */
import { announceProvider } from './announce.ts';
import { createProvider } from './provider.ts';

// A sandboxed or data: frame (opaque origin) has no origin a permission could name: no provider.
if (window.origin !== 'null') {
  const provider = createProvider();
  const page = window as unknown as { ethereum?: unknown };
  // Never displace another wallet's legacy injection; EIP-6963 lets dApps find us anyway.
  if (page.ethereum === undefined) page.ethereum = provider;
  announceProvider(provider);
}
