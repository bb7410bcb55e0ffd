/** Follow an ERC-20 by its contract address on the selected network; the chain says what it is. */
import { useState } from 'preact/hooks';
import type { WalletReplies } from '../../../../src/messages/wallet.ts';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { TextField } from '../../../shared/ui/TextField.tsx';

export function AddToken({
  networkName,
  onAdded,
  onCancel,
}: {
  networkName: string;
  onAdded: (reply: WalletReplies['wallet-add-token']) => void;
  onCancel: () => void;
}) {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const typed = address.trim();
    if (!/^0x[0-9a-fA-F]{40}$/.test(typed)) {
      setError({
        text: 'Enter the token contract address: 0x followed by 40 hexadecimal characters.',
        signInAgain: false,
      });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onAdded(await callWallet({ type: 'wallet-add-token', address: typed as `0x${string}` }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card stack" aria-labelledby="add-token-title" onSubmit={submit}>
      <h2 id="add-token-title">Add a token</h2>
      <TextField
        label="Token contract address"
        value={address}
        onInput={setAddress}
        autoFocus
        hint={`An ERC-20 on ${networkName}. Its symbol and decimals are read from the contract.`}
      />
      <ErrorNote advice={error} />
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Checking…' : 'Add token'}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
