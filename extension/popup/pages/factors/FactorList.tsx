import type { FactorView } from '../../../../src/messages/wallet.ts';
import { factorNames, formatDate } from '../../../shared/ui/format.ts';

/** One row per factor; the last one cannot be removed (the wallet would be lost). */
export function FactorList(p: {
  factors: FactorView[];
  busy: boolean;
  onRemove: (factor: FactorView) => void;
}) {
  const last = p.factors.length <= 1;
  return (
    <ul class="list" aria-label="Factors of this wallet">
      {p.factors.map((factor) => (
        <li key={factor.pub} class="list-item" data-factor-type={factor.type}>
          <div>
            <strong>{factor.label}</strong> <span class="badge">{factorNames[factor.type]}</span>
            {factor.thisDevice && <span class="badge badge-ok">this device</span>}
            <div class="muted small">
              Added {formatDate(factor.createdAt)} · last used {formatDate(factor.lastUsedAt)}
            </div>
          </div>
          <button
            type="button"
            class="button button-danger button-small"
            disabled={p.busy || last}
            title={last ? 'The only factor cannot be removed' : undefined}
            aria-label={`Remove ${factor.label} (${factorNames[factor.type]})`}
            onClick={() => p.onRemove(factor)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
