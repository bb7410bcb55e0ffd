/** The body of one waiting request: what the user is agreeing to, per kind. */
import type { ApprovalView, SiweView, TransactionView, TypedDataNode } from '../../../src/messages/dapp.ts';
import { Risks, Simulation } from './Preview.tsx';
import { ether, gwei } from './units.ts';
import { WatchAsset } from './WatchAsset.tsx';

export function RequestView({ view }: { view: ApprovalView }) {
  switch (view.kind) {
    case 'connect':
      return (
        <div class="stack">
          <h2>Connect to this site?</h2>
          <p>
            The site will see your address and can ask you to sign and send transactions. It cannot move funds
            without your approval.
          </p>
          <Field label="Account" value={view.address} mono />
          <Field label="Network" value={`${view.chain.name} (${BigInt(view.chain.chainId)})`} />
        </div>
      );
    case 'sign-message':
      return (
        <div class="stack">
          <h2>{view.siwe === null ? 'Sign a message' : 'Sign in with Ethereum'}</h2>
          {view.siwe !== null && <Siwe siwe={view.siwe} />}
          <Field label="Account" value={view.address} mono />
          <div>
            <div class="small muted">Message</div>
            <pre class="message" data-testid="message">
              {view.text ?? view.hex}
            </pre>
          </div>
        </div>
      );
    case 'sign-typed-data':
      return (
        <div class="stack">
          <h2>Sign typed data</h2>
          <Risks warnings={view.permits} />
          <Warnings warnings={view.warnings} />
          <Field label="Account" value={view.address} mono />
          <Field label="Type" value={view.primaryType} />
          {view.domain.name !== null && (
            <Field
              label="Application"
              value={`${view.domain.name}${view.domain.version === null ? '' : ` v${view.domain.version}`}`}
            />
          )}
          <Field label="Chain" value={view.domain.chainId ?? 'any chain'} />
          <Field label="Verifying contract" value={view.domain.verifyingContract ?? 'none'} mono />
          <div>
            <div class="small muted">Message</div>
            <Tree nodes={view.message} />
          </div>
        </div>
      );
    case 'transaction':
      return <Transaction view={view} />;
    case 'send-calls':
      return (
        <div class="stack">
          <h2>Send {view.calls.length} transactions</h2>
          <p class="small">
            One approval for all of them: they are sent one after another, each on its own. If one fails, the
            ones before it stay done.
          </p>
          <Field label="Network" value={`${view.chain.name} (${BigInt(view.chain.chainId)})`} />
          <Field label="From" value={view.from} mono />
          <ol class="call-list" aria-label="Transactions">
            {view.calls.map((call, i) => (
              <li key={i} data-testid="batch-call">
                <Transaction view={call} position={i + 1} />
              </li>
            ))}
          </ol>
          <Field
            label="Total at most"
            value={ether(view.maxTotalWei, view.chain.symbol)}
            strong
            testId="batch-total"
          />
        </div>
      );
    case 'add-chain':
      return (
        <div class="stack">
          <h2>Add a network</h2>
          <p class="warning">
            Only add networks you trust: the network's node sees your address and what you send.
          </p>
          <Field label="Name" value={view.chain.name} />
          <Field label="Chain id" value={BigInt(view.chain.chainId).toString()} />
          <Field label="Currency" value={view.chain.symbol} />
          <Field label="RPC URL" value={view.chain.rpcUrl} mono />
          {view.chain.explorerUrl !== null && <Field label="Explorer" value={view.chain.explorerUrl} mono />}
        </div>
      );
    case 'watch-asset':
      return <WatchAsset view={view} />;
    case 'switch-chain':
      return (
        <div class="stack">
          <h2>Switch network</h2>
          <Field label="From" value={`${view.from.name} (${BigInt(view.from.chainId)})`} />
          <Field label="To" value={`${view.to.name} (${BigInt(view.to.chainId)})`} />
        </div>
      );
  }
}

/** One transaction; `position` numbers a batch's call (network and sender are shown once, above). */
function Transaction({ view, position }: { view: TransactionView; position?: number }) {
  const title = view.to === null ? 'Deploy a contract' : view.call === null ? 'Send' : 'Call a contract';
  return (
    <div class="stack">
      {position === undefined ? <h2>{title}</h2> : <h3>{`${position}. ${title}`}</h3>}
      <Risks warnings={view.warnings} />
      <Simulation simulation={view.simulation} />
      {position === undefined && (
        <>
          <Field label="Network" value={`${view.chain.name} (${BigInt(view.chain.chainId)})`} />
          <Field label="From" value={view.from} mono />
        </>
      )}
      <Field label="To" value={view.to ?? 'new contract'} mono />
      <Field label="Amount" value={ether(view.valueWei, view.chain.symbol)} />
      {view.call !== null && (
        <div>
          <div class="small muted">Function</div>
          <div class="mono" data-testid="function">
            {view.call.signature ?? `unknown function ${view.call.selector}`}
          </div>
          {view.call.args.length > 0 && (
            <ul class="plain-list mono small">
              {view.call.args.map((arg) => (
                <li key={arg}>{arg}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Field label="Gas limit" value={BigInt(view.gas).toLocaleString('en')} />
      {view.fees.type === 'eip1559' ? (
        <Field
          label="Fee per gas"
          value={`up to ${gwei(view.fees.maxFeePerGas)} (tip ${gwei(view.fees.maxPriorityFeePerGas)})`}
        />
      ) : (
        <Field label="Gas price" value={gwei(view.fees.gasPrice)} />
      )}
      <Field label="Total at most" value={ether(view.maxTotalWei, view.chain.symbol)} strong testId="total" />
    </div>
  );
}

function Siwe({ siwe }: { siwe: SiweView }) {
  return (
    <div class="stack">
      <Warnings warnings={siwe.warnings} />
      <Field label="Signs you in to" value={siwe.domain} strong />
      {siwe.statement !== null && <p>{siwe.statement}</p>}
      <Field label="URI" value={siwe.uri} mono />
      <Field label="Chain" value={String(siwe.chainId)} />
      {siwe.expirationTime !== null && <Field label="Expires" value={siwe.expirationTime} />}
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div class="warning" role="alert">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
}

function Tree({ nodes }: { nodes: TypedDataNode[] }) {
  return (
    <ul class="tree">
      {nodes.map((node, i) => (
        <li key={`${node.name}-${i}`}>
          <span class="tree-name">{node.name}</span> <span class="muted small">{node.type}</span>
          {node.children === undefined ? (
            <span class="mono tree-value">{node.value}</span>
          ) : (
            <Tree nodes={node.children} />
          )}
        </li>
      ))}
    </ul>
  );
}

function Field(props: { label: string; value: string; mono?: boolean; strong?: boolean; testId?: string }) {
  return (
    <div class="field-row">
      <span class="small muted">{props.label}</span>
      <span
        class={`${props.mono === true ? 'mono ' : ''}${props.strong === true ? 'strong' : ''}`}
        data-testid={props.testId}
      >
        {props.value}
      </span>
    </div>
  );
}
