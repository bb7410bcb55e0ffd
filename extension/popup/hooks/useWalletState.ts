import { useCallback, useEffect, useState } from 'preact/hooks';
import type { WalletState } from '../../../src/messages/wallet.ts';
import { callWallet } from '../../shared/ui/callWallet.ts';
import { errorText } from '../../shared/ui/errorText.ts';

export type WalletStateView = { state: 'loading' } | { state: 'unavailable'; text: string } | WalletState;

/** The wallet's state as the background reports it (`wallet-status`), with a way to re-ask or set it. */
export function useWalletState() {
  const [view, setView] = useState<WalletStateView>({ state: 'loading' });
  const refresh = useCallback(() => {
    callWallet({ type: 'wallet-status' }).then(
      ({ ok: _, ...state }) => setView(state as WalletState),
      (error: unknown) => setView({ state: 'unavailable', text: errorText(error).text }),
    );
  }, []);
  useEffect(refresh, []);
  return { view, refresh, set: (state: WalletState) => setView(state) };
}
