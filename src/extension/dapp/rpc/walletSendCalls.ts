/**
 * `wallet_sendCalls` (EIP-5792, version 2.0.0), as an EOA can: one approval showing every
 * call (each with its simulation and warnings, the calls simulated in order), then one
 * transaction per call, sent in order with consecutive nonces (one hold of the nonce lock).
 * Not atomic: `atomicRequired: true` is refused (5760). Answers `{ id }` once the
 * transactions are broadcast; `wallet_getCallsStatus` follows them. If a broadcast fails,
 * the calls after it are not sent (and the batch's status says so); if the first one fails,
 * the node's error is the answer and nothing is kept.
 */
import { bytesToHex, type Hex } from 'viem';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { chainSummary, requireAccount } from '../access.ts';
import { sendCallsParam } from '../calls/params.ts';
import { ProviderError } from '../errors.ts';
import type { Chain, DappServices, MethodHandler } from '../services.ts';
import { type PreparedTransaction, prepareTransaction } from '../tx/build.ts';
import { decodeCall } from '../tx/decode.ts';
import { followedTokens, previewCalls } from '../tx/preview.ts';
import { signTransaction } from '../tx/sign.ts';
import { trackSend } from '../tx/track.ts';
import { transactionView } from '../tx/view.ts';

export const walletSendCalls: MethodHandler = async (params, context, services) => {
  const request = sendCallsParam(params);
  const from = await requireAccount(context, services, request.from);
  const chain = await selectedChainFor(request.chainId, services);
  if (request.id !== undefined && (await services.batches.get(context.origin, request.id)) !== undefined)
    throw new ProviderError(
      ProviderErrorCode.duplicateCallsId,
      `wallet_sendCalls: this site already sent a batch with id ${JSON.stringify(request.id.slice(0, 100))}.`,
    );

  const calls = request.calls.map((c) => ({
    from,
    to: c.to ?? null,
    value: c.value ?? 0n,
    data: c.data ?? '0x',
  }));
  // Gas and fees of every call, and the simulation of all of them in order: one round of requests.
  const [txs, previews] = await Promise.all([
    Promise.all(calls.map((call) => prepareTransaction(call, chain, services.rpc))),
    previewCalls(calls, chain, services.rpc, followedTokens(services.tokens, chain.chainId)),
  ]);
  const summary = chainSummary(chain);
  const views = txs.map((tx, i) => transactionView(tx, summary, previews[i]));
  await services.approvals.ask(context.origin, {
    kind: 'send-calls',
    from,
    chain: summary,
    calls: views,
    maxTotalWei: views.reduce((sum, view) => sum + BigInt(view.maxTotalWei), 0n).toString(),
  });

  const sent = await sendInOrder(services, chain, txs);
  if (sent.length === 0) throw sent.error;
  const id = request.id ?? bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  const activityIds: string[] = [];
  for (const [i, { hash, nonce }] of sent.entries())
    activityIds.push(
      await trackSend(services, {
        chain,
        tx: txs[i]!,
        nonce,
        hash,
        origin: context.origin,
        summary: `Call ${i + 1} of ${txs.length} of a batch: ${callSummary(txs[i]!, chain)}`,
      }),
    );
  await services.batches.add({
    id,
    origin: context.origin,
    chainId: chain.chainId,
    from,
    callCount: txs.length,
    hashes: sent.map((s) => s.hash),
    error: sent.error === null ? null : messageOf(sent.error),
    activityIds,
    at: Date.now(),
  });
  return { id };
};

/** The selected chain when it is the batch's: else 5710 (unknown to Trine) or 4901 (switch first). */
async function selectedChainFor(chainId: Hex, services: DappServices): Promise<Chain> {
  const chain = await services.chains.selected();
  if (chainId === chain.chainId) return chain;
  throw (await services.chains.get(chainId)) === undefined
    ? new ProviderError(
        ProviderErrorCode.unsupportedChainId,
        `wallet_sendCalls: Trine does not know chain ${BigInt(chainId)}; add it first.`,
      )
    : new ProviderError(
        ProviderErrorCode.chainDisconnected,
        `wallet_sendCalls: the calls are for chain ${BigInt(chainId)} but Trine is on ${BigInt(chain.chainId)}; switch first.`,
      );
}

type Sent = { hash: Hex; nonce: number }[] & { error: unknown };

/** Sign and broadcast each transaction in order, stopping at the first failure. */
async function sendInOrder(services: DappServices, chain: Chain, txs: PreparedTransaction[]): Promise<Sent> {
  const from = txs[0]!.from;
  const pendingCount = async () => {
    const count = await services.rpc(chain.rpcUrl, 'eth_getTransactionCount', [from, 'pending']);
    if (typeof count !== 'string')
      throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no nonce.');
    return Number(BigInt(count));
  };
  return services.nonces.withConsecutive(chain.chainId, from, pendingCount, async (first) => {
    const sent = Object.assign([] as { hash: Hex; nonce: number }[], { error: null as unknown });
    for (const [i, tx] of txs.entries()) {
      try {
        const raw = await services.keyring.withSigningKey((key) => signTransaction(key, tx, first + i));
        const hash = (await services.rpc(chain.rpcUrl, 'eth_sendRawTransaction', [raw])) as Hex;
        sent.push({ hash, nonce: first + i });
      } catch (error) {
        sent.error = error;
        break;
      }
    }
    return { used: sent.length, result: sent };
  });
}

function callSummary(tx: PreparedTransaction, chain: Chain): string {
  if (tx.to === null) return 'contract creation';
  const call = decodeCall(tx.data);
  const fn = call === null ? '' : ` calling ${call.signature ?? call.selector}`;
  return `to ${tx.to}${fn}${tx.value === 0n ? '' : ` with ${tx.value} wei of ${chain.symbol}`}`;
}

function messageOf(error: unknown): string {
  return error instanceof ProviderError ? error.message : 'the transaction could not be sent';
}
