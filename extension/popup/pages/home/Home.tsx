import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ChainView } from '../../../../src/messages/wallet.ts';
import { CopyAddress } from '../../../shared/ui/CopyAddress.tsx';
import { callWallet } from '../../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../../shared/ui/ErrorNote.tsx';
import { type ErrorAdvice, errorText } from '../../../shared/ui/errorText.ts';
import { formatBalance } from '../../../shared/ui/format.ts';
import { useActivityChanged } from '../../hooks/useActivityChanged.ts';
import { Tokens } from '../tokens/Tokens.tsx';
import { ChainSwitcher } from './ChainSwitcher.tsx';

type Balance = { wei: string; symbol: string; chainId: string };

/** The selected account with a way to the accounts list, the balance on the current chain, Receive, and the chain switcher. */
export function Home({
  address,
  accountName,
  onAccounts,
  onReceive,
  onSend,
}: {
  address: string;
  accountName: string;
  onAccounts: () => void;
  onReceive: () => void;
  onSend: () => void;
}) {
  const [chains, setChains] = useState<ChainView[] | null>(null);
  const [balance, setBalance] = useState<Balance | null>(null);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  /** Bumped when balances may have moved: the token list reads them again. */
  const [refresh, setRefresh] = useState(0);
  const loadBalance = useCallback(() => {
    setBalance(null);
    callWallet({ type: 'wallet-balance' }).then(setBalance, (failure: unknown) =>
      setError(errorText(failure)),
    );
  }, []);
  // A transaction settled (or was sent): read the balances again.
  useActivityChanged(
    useCallback(() => {
      loadBalance();
      setRefresh((n) => n + 1);
    }, [loadBalance]),
  );
  useEffect(() => {
    callWallet({ type: 'wallet-chains' }).then(
      (reply) => setChains(reply.chains),
      (failure: unknown) => setError(errorText(failure)),
    );
    loadBalance();
  }, [loadBalance]);
  const select = async (chainId: `0x${string}`) => {
    setError(null);
    try {
      setChains((await callWallet({ type: 'wallet-select-chain', chainId })).chains);
      loadBalance();
      setRefresh((n) => n + 1);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const symbol = balance?.symbol ?? chains?.find((chain) => chain.selected)?.symbol ?? '';
  return (
    <section class="stack" aria-labelledby="home-title">
      <h1 id="home-title" class="sr-only">
        Wallet
      </h1>
      <div class="home-account">
        <strong data-testid="account-name">{accountName}</strong>
        <button type="button" class="button button-secondary button-small" onClick={onAccounts}>
          Accounts
        </button>
      </div>
      <ChainSwitcher chains={chains} onSelect={select} />
      <p class="balance">
        <span class="sr-only">Balance: </span>
        <span class="balance-amount" data-testid="balance">
          {balance === null ? '…' : formatBalance(balance.wei)}
        </span>{' '}
        <span class="balance-symbol">{symbol}</span>
      </p>
      <CopyAddress address={address} />
      <div class="home-actions">
        <button type="button" class="button" onClick={onSend}>
          Send
        </button>
        <button type="button" class="button" onClick={onReceive}>
          Receive
        </button>
      </div>
      <ErrorNote advice={error} />
      <Tokens
        networkName={chains?.find((chain) => chain.selected)?.name ?? 'this network'}
        refresh={refresh}
      />
    </section>
  );
}
