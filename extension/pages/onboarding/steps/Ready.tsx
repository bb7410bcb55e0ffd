import { CopyAddress } from '../../../shared/ui/CopyAddress.tsx';

/** The end of onboarding: the address, and where the wallet lives from now on. */
export function Ready({ address, network }: { address: string; network: boolean }) {
  return (
    <section class="stack">
      <p>Your wallet is unlocked on this device.</p>
      {!network && (
        <p class="warning" role="note">
          Recovered without the network: sign in to manage factors. Signing and your dApps work as usual.
        </p>
      )}
      <CopyAddress address={address} />
      <p class="muted">
        Open Trine from the puzzle-piece menu of your browser's toolbar (pin it for one-click access). You can
        close this tab.
      </p>
      <button type="button" class="button button-secondary" onClick={() => window.close()}>
        Close this tab
      </button>
    </section>
  );
}
