/**
 * What signing will do, shown above the details: decoded warnings (danger ones as alerts)
 * and the dry run's outcome with the account's balance changes. Advisory: the user decides.
 */
import { formatUnits } from 'viem';
import type { BalanceChangeView, SimulationView, WarningView } from '../../../src/messages/dapp.ts';

export function Risks({ warnings }: { warnings: readonly WarningView[] | undefined }) {
  if (warnings === undefined || warnings.length === 0) return null;
  return (
    <div class="stack">
      {warnings.map((w, i) => (
        <section
          key={i}
          class={w.severity === 'danger' ? 'error-note risk' : 'warning risk'}
          role={w.severity === 'danger' ? 'alert' : 'note'}
          data-testid={`warning-${w.kind}`}
        >
          <p class="strong">{w.title}</p>
          {w.details.length > 0 && (
            <dl class="risk-details">
              {w.details.map((d) => (
                <div key={d.label}>
                  <dt>{d.label}</dt>
                  <dd class="mono">{d.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
    </div>
  );
}

export function Simulation({ simulation }: { simulation: SimulationView | undefined }) {
  if (simulation === undefined) return null;
  switch (simulation.outcome) {
    case 'revert':
      return (
        <section class="error-note" role="alert" data-testid="simulation">
          <p class="strong">This transaction is expected to fail.</p>
          <p>
            {simulation.reason === null
              ? 'The contract reverted without a reason.'
              : `Reason: ${simulation.reason}`}
          </p>
          <p class="small">You can still send it: it would likely do nothing but cost the network fee.</p>
        </section>
      );
    case 'unavailable':
      return (
        <section class="muted small" data-testid="simulation">
          Trine could not simulate this transaction ({simulation.reason}).
        </section>
      );
    case 'success':
      if (simulation.method === 'eth_call')
        return (
          <section class="small" data-testid="simulation">
            A dry run succeeds. This network cannot list balance changes.
          </section>
        );
      return (
        <section class="stack simulation" data-testid="simulation" aria-label="Balance changes">
          <div class="small muted">Balance changes (simulated, before the network fee)</div>
          {simulation.changes.length === 0 ? (
            <p class="small">No change to your balances.</p>
          ) : (
            <ul class="plain-list">
              {simulation.changes.map((c) => (
                <li
                  key={c.asset}
                  class={BigInt(c.amount) < 0n ? 'change-out' : 'change-in'}
                  data-testid="change"
                >
                  {changeText(c)}
                </li>
              ))}
            </ul>
          )}
        </section>
      );
  }
}

/** `−1.5 TUSD`, `+0.25 ETH`; a token without decimals in smallest units, named by address. */
function changeText(change: BalanceChangeView): string {
  const amount = BigInt(change.amount);
  const sign = amount < 0n ? '−' : '+';
  const magnitude = amount < 0n ? -amount : amount;
  const value = change.decimals === null ? magnitude.toString() : formatUnits(magnitude, change.decimals);
  const name = change.symbol ?? (change.asset === 'native' ? '' : change.asset);
  return `${sign}${value} ${name}${change.decimals === null ? ' (smallest units)' : ''}`;
}
