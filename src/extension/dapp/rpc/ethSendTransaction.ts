/**
 * `eth_sendTransaction`: build the transaction for the selected chain (gas, fees), show it
 * decoded with its total, and after approval take the next nonce, sign, broadcast and
 * return the hash. An activity entry follows the receipt.
 */

import * as v from 'valibot';
import { formatEther, type Hex } from 'viem';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { chainSummary, requireAccount } from '../access.ts';
import { ProviderError } from '../errors.ts';
import { paramsOf, TransactionParam } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { prepareTransaction } from '../tx/build.ts';
import { previewTransaction } from '../tx/preview.ts';
import { watchReceipt } from '../tx/receipt.ts';
import { signTransaction } from '../tx/sign.ts';
import { transactionView } from '../tx/view.ts';

const Params = v.tuple([TransactionParam]);

export const ethSendTransaction: MethodHandler = async (params, context, services) => {
  const [param] = paramsOf(Params, params, 'eth_sendTransaction');
  const from = await requireAccount(context, services, param.from);
  const chain = await services.chains.selected();
  // The preview (dry run, warnings) runs beside gas and fee reads: at most one more round trip.
  const [tx, preview] = await Promise.all([
    prepareTransaction(param, chain, services.rpc),
    previewTransaction(
      {
        from: param.from,
        to: param.to ?? null,
        value: param.value ?? 0n,
        data: param.data ?? param.input ?? '0x',
      },
      chain,
      services.rpc,
    ),
  ]);
  await services.approvals.ask(context.origin, transactionView(tx, chainSummary(chain), preview));

  const pendingCount = async () => {
    const count = await services.rpc(chain.rpcUrl, 'eth_getTransactionCount', [from, 'pending']);
    if (typeof count !== 'string')
      throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no nonce.');
    return Number(BigInt(count));
  };
  const send = async (nonce: number) => {
    const raw = await services.keyring.withSigningKey((key) => signTransaction(key, tx, nonce));
    return (await services.rpc(chain.rpcUrl, 'eth_sendRawTransaction', [raw])) as Hex;
  };
  const hash =
    tx.nonce === null
      ? await services.nonces.withNext(chain.chainId, from, pendingCount, send)
      : await send(tx.nonce);

  const activityId = await services.activity.add({
    kind: 'send',
    origin: context.origin,
    hash,
    chainId: chain.chainId,
    status: 'pending',
    summary:
      tx.to === null
        ? 'Contract creation'
        : `Sent ${formatEther(tx.value)} ${chain.symbol} to ${tx.to}${tx.data === '0x' ? '' : ' (contract call)'}`,
    at: Date.now(),
  });
  void watchReceipt({ activityId, hash, rpcUrl: chain.rpcUrl }, services.rpc, services.activity).catch(
    (error) => console.error('receipt watch failed', error),
  );
  return hash;
};
