/**
 * The wallet procedures' table: one entry per `wallet-*` message (src/messages/wallet.ts),
 * each in its own file. The mapped type makes a message without a procedure a type error.
 */
import type { WalletMessage } from '../../messages/wallet.ts';
import type { Procedure } from './procedure.ts';
import { walletAccounts } from './walletAccounts.ts';
import { walletActivity } from './walletActivity.ts';
import { walletAddAccount } from './walletAddAccount.ts';
import { walletAddChain } from './walletAddChain.ts';
import { walletAddFactor } from './walletAddFactor.ts';
import { walletAddToken } from './walletAddToken.ts';
import { walletBalance } from './walletBalance.ts';
import { walletChains } from './walletChains.ts';
import { walletEditChain } from './walletEditChain.ts';
import { walletExportKey } from './walletExportKey.ts';
import { walletFactors } from './walletFactors.ts';
import { walletLock } from './walletLock.ts';
import { walletRecover } from './walletRecover.ts';
import { walletRecoverOptions } from './walletRecoverOptions.ts';
import { walletRegister } from './walletRegister.ts';
import { walletRemoveChain } from './walletRemoveChain.ts';
import { walletRemoveFactor } from './walletRemoveFactor.ts';
import { walletRemoveToken } from './walletRemoveToken.ts';
import { walletRenameAccount } from './walletRenameAccount.ts';
import { walletReplacePrepare } from './walletReplacePrepare.ts';
import { walletSelectAccount } from './walletSelectAccount.ts';
import { walletSelectChain } from './walletSelectChain.ts';
import { walletSendConfirm } from './walletSendConfirm.ts';
import { walletSendPrepare } from './walletSendPrepare.ts';
import { walletSettingsSet } from './walletSettingsSet.ts';
import { walletSignIn } from './walletSignIn.ts';
import { walletStatus } from './walletStatus.ts';
import { walletTokens } from './walletTokens.ts';
import { walletUnlock } from './walletUnlock.ts';

export const procedures: { [T in WalletMessage['type']]: Procedure<T> } = {
  'wallet-status': walletStatus,
  'wallet-sign-in': walletSignIn,
  'wallet-unlock': walletUnlock,
  'wallet-register': walletRegister,
  'wallet-recover': walletRecover,
  'wallet-recover-options': walletRecoverOptions,
  'wallet-lock': walletLock,
  'wallet-factors': walletFactors,
  'wallet-add-factor': walletAddFactor,
  'wallet-remove-factor': walletRemoveFactor,
  'wallet-settings-set': walletSettingsSet,
  'wallet-export-key': walletExportKey,
  'wallet-balance': walletBalance,
  'wallet-activity': walletActivity,
  'wallet-chains': walletChains,
  'wallet-select-chain': walletSelectChain,
  'wallet-accounts': walletAccounts,
  'wallet-add-account': walletAddAccount,
  'wallet-rename-account': walletRenameAccount,
  'wallet-select-account': walletSelectAccount,
  'wallet-send-prepare': walletSendPrepare,
  'wallet-replace-prepare': walletReplacePrepare,
  'wallet-send-confirm': walletSendConfirm,
  'wallet-tokens': walletTokens,
  'wallet-add-token': walletAddToken,
  'wallet-remove-token': walletRemoveToken,
  'wallet-add-chain': walletAddChain,
  'wallet-edit-chain': walletEditChain,
  'wallet-remove-chain': walletRemoveChain,
};

/** The procedure for `type`, typed to its message. */
export function procedureFor<T extends WalletMessage['type']>(type: T): Procedure<T> {
  return procedures[type];
}
