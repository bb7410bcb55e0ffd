/**
 * Sign a prepared transaction with the unlocked account's key and hand it to the chain's
 * node. The nonce is the next free one, taken under the (chain, account) lock of nonce.ts,
 * unless the transaction fixes its own (a dApp's choice, or a replacement's). Shared by
 * `eth_sendTransaction` and the popup's Send, so both count nonces in one place.
 */
import { type Address, type Hex, keccak256 } from 'viem';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { ProviderError } from '../errors.ts';
import type { Chain, DappServices } from '../services.ts';
import type { PreparedTransaction } from './build.ts';
import { signTransaction } from './sign.ts';

export type BroadcastServices = Pick<DappServices, 'keyring' | 'rpc' | 'nonces'>;

/**
 * `beforeSend` runs between signing and broadcasting, with the hash the chain will know the
 * transaction by (a replacement marks its original there, before it can be mined).
 */
export async function broadcastTransaction(
  services: BroadcastServices,
  chain: Chain,
  tx: PreparedTransaction,
  beforeSend?: (hash: Hex) => Promise<void>,
): Promise<{ hash: Hex; nonce: number }> {
  const send = async (nonce: number) => {
    const raw = await services.keyring.withSigningKey((key) => signTransaction(key, tx, nonce));
    await beforeSend?.(keccak256(raw)); // a transaction's hash is the hash of its signed bytes
    const hash = (await services.rpc(chain.rpcUrl, 'eth_sendRawTransaction', [raw])) as Hex;
    return { hash, nonce };
  };
  if (tx.nonce !== null) return send(tx.nonce);
  return services.nonces.withNext(chain.chainId, tx.from, () => pendingCount(services, chain, tx.from), send);
}

/** `eth_getTransactionCount(account, 'pending')`: the node's next nonce. */
async function pendingCount(services: BroadcastServices, chain: Chain, account: Address): Promise<number> {
  const count = await services.rpc(chain.rpcUrl, 'eth_getTransactionCount', [account, 'pending']);
  if (typeof count !== 'string')
    throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no nonce.');
  return Number(BigInt(count));
}
