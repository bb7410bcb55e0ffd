/**
 * Add or edit a user network. The chain id may be typed in decimal (1337) or hex (0x539);
 * the background checks that the RPC answers `eth_chainId` with it before storing anything.
 * Editing keeps the chain id (a different id is a different network: add that one).
 */
import { useState } from 'preact/hooks';
import type { ChainInput, ChainView, WalletReplies } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { TextField } from '../../../shared/ui/TextField.tsx';

/** "1337" or "0x539" as an EIP-155 hex chain id, or null. */
export function chainIdOf(typed: string): `0x${string}` | null {
  const text = typed.trim().toLowerCase();
  if (!/^(?:0x[0-9a-f]{1,15}|[0-9]{1,18})$/.test(text)) return null;
  const id = BigInt(text);
  return id > 0n ? `0x${id.toString(16)}` : null;
}

const say = (text: string): ErrorAdvice => ({ text, signInAgain: false });

export function ChainForm({
  editing,
  onSaved,
  onCancel,
}: {
  /** The chain to edit, or null to add one. */
  editing: ChainView | null;
  onSaved: (reply: WalletReplies['wallet-add-chain']) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(editing?.name ?? '');
  const [chainId, setChainId] = useState(editing === null ? '' : BigInt(editing.chainId).toString());
  const [rpcUrl, setRpcUrl] = useState(editing?.rpcUrl ?? '');
  const [symbol, setSymbol] = useState(editing?.symbol ?? '');
  const [explorerUrl, setExplorerUrl] = useState(editing?.explorerUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const id = chainIdOf(chainId);
    if (name.trim() === '') return setError(say('Give the network a name.'));
    if (id === null) return setError(say('The chain ID is a positive number, like 1337 or 0x539.'));
    if (!/^https?:\/\/\S+$/.test(rpcUrl.trim()))
      return setError(say('The RPC URL starts with https:// (or http:// on this computer).'));
    if (symbol.trim() === '') return setError(say('Give the currency symbol, like ETH.'));
    const chain: ChainInput = {
      chainId: id,
      name: name.trim(),
      rpcUrl: rpcUrl.trim(),
      symbol: symbol.trim(),
      explorerUrl: explorerUrl.trim() === '' ? null : explorerUrl.trim(),
    };
    setBusy(true);
    setError(null);
    try {
      onSaved(await callWallet({ type: editing === null ? 'wallet-add-chain' : 'wallet-edit-chain', chain }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const title = editing === null ? 'Add a network' : `Edit ${editing.name}`;
  return (
    <form class="card stack" aria-labelledby="chain-form-title" onSubmit={submit}>
      <h3 id="chain-form-title">{title}</h3>
      <TextField label="Network name" value={name} onInput={setName} autoFocus />
      {editing === null ? (
        <TextField
          label="Chain ID"
          value={chainId}
          onInput={setChainId}
          hint="Decimal (1337) or hex (0x539)."
        />
      ) : (
        <p class="small">
          Chain ID <strong>{chainId}</strong> <span class="muted">(to change it, add another network)</span>
        </p>
      )}
      <TextField
        label="RPC URL"
        value={rpcUrl}
        onInput={setRpcUrl}
        hint="It must answer with this chain ID and allow browser requests (CORS)."
      />
      <TextField label="Currency symbol" value={symbol} onInput={setSymbol} />
      <TextField label="Block explorer URL (optional)" value={explorerUrl} onInput={setExplorerUrl} />
      <ErrorNote advice={error} />
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Checking the RPC…' : editing === null ? 'Add network' : 'Save network'}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
