import type { FactorView } from '../../../../src/messages/wallet.ts';
import { ConfirmDialog } from '../../../shared/ui/ConfirmDialog.tsx';
import { factorNames } from '../../../shared/ui/format.ts';

/** Removing a factor is final: say what happens before doing it. */
export function RemoveDialog(p: { factor: FactorView; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Remove this factor?"
      confirmLabel="Remove"
      danger
      onConfirm={p.onConfirm}
      onCancel={p.onCancel}
    >
      <p>
        <strong>{p.factor.label}</strong> ({factorNames[p.factor.type]}) will no longer unlock this wallet.
        Every share is refreshed on the network; this takes a few seconds.
      </p>
    </ConfirmDialog>
  );
}
