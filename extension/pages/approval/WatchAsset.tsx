/** `wallet_watchAsset`: the token as the chain describes it, not as the site named it. */
import type { ApprovalView } from '../../../src/messages/dapp.ts';
import { tokenAmount } from '../../shared/ui/tokenAmount.ts';

export function WatchAsset({ view }: { view: Extract<ApprovalView, { kind: 'watch-asset' }> }) {
  const { token, chain } = view;
  return (
    <div class="stack">
      <h2>Add a token</h2>
      <p class="small">
        The site suggests following this token. Its symbol and decimals were read from the token contract
        itself. Anyone can create a token with any name: adding it does not make it genuine.
      </p>
      <div class="stack">
        <Row label="Token" value={token.name === null ? token.symbol : `${token.name} (${token.symbol})`} />
        <Row label="Contract" value={token.address} mono testId="watch-asset-address" />
        <Row label="Network" value={`${chain.name} (${BigInt(chain.chainId)})`} />
        <Row label="Decimals" value={String(token.decimals)} />
        <Row label="Your balance" value={`${tokenAmount(token.balance, token.decimals)} ${token.symbol}`} />
      </div>
    </div>
  );
}

function Row(props: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div class="field-row">
      <span class="small muted">{props.label}</span>
      <span class={props.mono === true ? 'mono' : undefined} data-testid={props.testId}>
        {props.value}
      </span>
    </div>
  );
}
