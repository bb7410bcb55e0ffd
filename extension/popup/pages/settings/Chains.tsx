import { useEffect, useState } from 'preact/hooks';
import type { ChainView } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';

/** The chains the wallet knows and the one in use (switch it from the home screen). */
export function Chains() {
  const [chains, setChains] = useState<ChainView[] | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  useEffect(() => {
    callWallet({ type: 'wallet-chains' }).then(
      (reply) => setChains(reply.chains),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  return (
    <div class="card stack">
      <h2>Chains</h2>
      <ErrorNote advice={error} />
      <ul class="list" aria-label="Chains">
        {chains?.map((chain) => (
          <li key={chain.chainId} class="list-item">
            <div>
              <strong>{chain.name}</strong>{' '}
              <span class="muted small">
                id {Number.parseInt(chain.chainId, 16)} · {chain.symbol}
              </span>
              <div class="muted small mono">{chain.rpcUrl}</div>
            </div>
            {chain.selected && <span class="badge badge-ok">in use</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
