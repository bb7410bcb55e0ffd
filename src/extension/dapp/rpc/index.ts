/**
 * The provider's method table: one handler per EIP-1193 method Trine answers. A method
 * that is not here is 4200.
 */
import type { MethodHandler } from '../services.ts';
import { ethAccounts } from './ethAccounts.ts';
import { ethChainId } from './ethChainId.ts';
import { ethRequestAccounts } from './ethRequestAccounts.ts';
import { ethSendTransaction } from './ethSendTransaction.ts';
import { ethSignTypedDataV4 } from './ethSignTypedDataV4.ts';
import { netVersion } from './netVersion.ts';
import { personalSign } from './personalSign.ts';
import { READ_ONLY_METHODS, readOnly } from './readOnly.ts';
import { walletAddEthereumChain } from './walletAddEthereumChain.ts';
import { walletGetPermissions } from './walletGetPermissions.ts';
import { walletRequestPermissions } from './walletRequestPermissions.ts';
import { walletRevokePermissions } from './walletRevokePermissions.ts';
import { walletSwitchEthereumChain } from './walletSwitchEthereumChain.ts';

const methods = new Map<string, MethodHandler>([
  ['eth_requestAccounts', ethRequestAccounts],
  ['eth_accounts', ethAccounts],
  ['eth_chainId', ethChainId],
  ['net_version', netVersion],
  ['wallet_requestPermissions', walletRequestPermissions],
  ['wallet_getPermissions', walletGetPermissions],
  ['wallet_revokePermissions', walletRevokePermissions],
  ['wallet_switchEthereumChain', walletSwitchEthereumChain],
  ['wallet_addEthereumChain', walletAddEthereumChain],
  ['personal_sign', personalSign],
  ['eth_signTypedData_v4', ethSignTypedDataV4],
  ['eth_sendTransaction', ethSendTransaction],
  ...[...READ_ONLY_METHODS].map((m): [string, MethodHandler] => [m, readOnly(m)]),
]);

/** The handler of `method`, or `undefined` (→ 4200). */
export function methodHandler(method: string): MethodHandler | undefined {
  return methods.get(method);
}
