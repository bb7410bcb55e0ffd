/**
 * The wallet's accounts as the popup shows them: index, name, address (EIP-55) and which
 * one is selected here. Addresses only; the keys stay in keyring.ts.
 */
import type { AccountView } from '../../messages/wallet.ts';
import { accountsOf } from '../../wallet/accountList.ts';
import type { WalletSession } from '../../wallet/session.ts';
import { addressOfAccount, selectedAccount } from '../keyring.ts';

export function accountViews(session: WalletSession): AccountView[] {
  const selected = selectedAccount();
  return accountsOf(session.privatePart).map(({ index, name }) => ({
    index,
    name,
    address: addressOfAccount(session, index),
    selected: index === selected,
  }));
}
