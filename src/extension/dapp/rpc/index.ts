/**
 * The provider's method table: one handler per EIP-1193 method Trine answers. A method
 * that is not here is 4200 (with the reason of rpc/refused.ts when it is one we refuse on
 * purpose). docs/DAPPS.md lists them all; a test walks that list against this table.
 */
import type { MethodHandler } from '../services.ts';
import { ethAccounts } from './ethAccounts.ts';
import { ethChainId } from './ethChainId.ts';
import { ethCoinbase } from './ethCoinbase.ts';
import { ethGetFilterChanges } from './ethGetFilterChanges.ts';
import { ethGetFilterLogs } from './ethGetFilterLogs.ts';
import { ethNewBlockFilter } from './ethNewBlockFilter.ts';
import { ethNewFilter } from './ethNewFilter.ts';
import { ethRequestAccounts } from './ethRequestAccounts.ts';
import { ethSendTransaction } from './ethSendTransaction.ts';
import { ethSignTypedData } from './ethSignTypedData.ts';
import { ethSignTypedDataV3 } from './ethSignTypedDataV3.ts';
import { ethSignTypedDataV4 } from './ethSignTypedDataV4.ts';
import { ethSubscribe } from './ethSubscribe.ts';
import { ethUninstallFilter } from './ethUninstallFilter.ts';
import { ethUnsubscribe } from './ethUnsubscribe.ts';
import { netVersion } from './netVersion.ts';
import { personalEcRecover } from './personalEcRecover.ts';
import { personalSign } from './personalSign.ts';
import { READ_ONLY_METHODS, readOnly } from './readOnly.ts';
import { walletAddEthereumChain } from './walletAddEthereumChain.ts';
import { walletGetCallsStatus } from './walletGetCallsStatus.ts';
import { walletGetCapabilities } from './walletGetCapabilities.ts';
import { walletGetPermissions } from './walletGetPermissions.ts';
import { walletRequestPermissions } from './walletRequestPermissions.ts';
import { walletRevokePermissions } from './walletRevokePermissions.ts';
import { walletSendCalls } from './walletSendCalls.ts';
import { walletShowCallsStatus } from './walletShowCallsStatus.ts';
import { walletSwitchEthereumChain } from './walletSwitchEthereumChain.ts';
import { walletWatchAsset } from './walletWatchAsset.ts';

const methods = new Map<string, MethodHandler>([
  ['eth_requestAccounts', ethRequestAccounts],
  ['eth_accounts', ethAccounts],
  ['eth_coinbase', ethCoinbase],
  ['eth_chainId', ethChainId],
  ['net_version', netVersion],
  ['wallet_requestPermissions', walletRequestPermissions],
  ['wallet_getPermissions', walletGetPermissions],
  ['wallet_revokePermissions', walletRevokePermissions],
  ['wallet_switchEthereumChain', walletSwitchEthereumChain],
  ['wallet_addEthereumChain', walletAddEthereumChain],
  ['wallet_watchAsset', walletWatchAsset],
  ['personal_sign', personalSign],
  ['personal_ecRecover', personalEcRecover],
  ['eth_signTypedData', ethSignTypedData],
  ['eth_signTypedData_v3', ethSignTypedDataV3],
  ['eth_signTypedData_v4', ethSignTypedDataV4],
  ['eth_sendTransaction', ethSendTransaction],
  ['wallet_getCapabilities', walletGetCapabilities],
  ['wallet_sendCalls', walletSendCalls],
  ['wallet_getCallsStatus', walletGetCallsStatus],
  ['wallet_showCallsStatus', walletShowCallsStatus],
  ['eth_newFilter', ethNewFilter],
  ['eth_newBlockFilter', ethNewBlockFilter],
  ['eth_getFilterChanges', ethGetFilterChanges],
  ['eth_getFilterLogs', ethGetFilterLogs],
  ['eth_uninstallFilter', ethUninstallFilter],
  ['eth_subscribe', ethSubscribe],
  ['eth_unsubscribe', ethUnsubscribe],
  ...[...READ_ONLY_METHODS].map((m): [string, MethodHandler] => [m, readOnly(m)]),
]);

/** The handler of `method`, or `undefined` (→ 4200). */
export function methodHandler(method: string): MethodHandler | undefined {
  return methods.get(method);
}

/** Every method Trine answers, for the documentation's table. */
export function supportedMethods(): string[] {
  return [...methods.keys()];
}
