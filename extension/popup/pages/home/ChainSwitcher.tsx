import { useId } from 'preact/hooks';
import type { ChainView } from '../../../../src/messages/wallet.ts';

/** The chain the wallet uses now; changing it tells connected sites (`chainChanged`). */
export function ChainSwitcher({
  chains,
  onSelect,
}: {
  chains: ChainView[] | null;
  onSelect: (chainId: `0x${string}`) => void;
}) {
  const id = useId();
  const selected = chains?.find((chain) => chain.selected);
  return (
    <div class="field">
      <label for={id}>Network</label>
      <select
        id={id}
        disabled={chains === null}
        value={selected?.chainId ?? ''}
        onChange={(event) => onSelect(event.currentTarget.value as `0x${string}`)}
      >
        {chains === null && <option value="">Loading…</option>}
        {chains?.map((chain) => (
          <option key={chain.chainId} value={chain.chainId}>
            {chain.name} ({Number.parseInt(chain.chainId, 16)})
          </option>
        ))}
      </select>
    </div>
  );
}
