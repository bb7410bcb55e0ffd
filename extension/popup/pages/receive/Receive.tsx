/**
 * Receive: the selected account's address (EIP-55, as the background reports it), a copy
 * button and a QR code of the same text, for the sender to scan.
 */
import { CopyAddress } from '../../../shared/ui/CopyAddress.tsx';
import { QrCode } from './QrCode.tsx';

export function Receive({
  address,
  accountName,
  onBack,
}: {
  address: string;
  accountName: string;
  onBack: () => void;
}) {
  return (
    <section class="stack receive" aria-labelledby="receive-title">
      <div class="row">
        <button type="button" class="button button-secondary button-small" onClick={onBack}>
          Back
        </button>
        <h1 id="receive-title" class="section-title">
          Receive
        </h1>
      </div>
      <p class="muted">
        Send to <strong>{accountName}</strong> on any network Trine uses: the address is the same on each.
      </p>
      <div class="qr-frame">
        <QrCode text={address} label={`QR code of the address ${address}`} />
      </div>
      <CopyAddress address={address} />
    </section>
  );
}
