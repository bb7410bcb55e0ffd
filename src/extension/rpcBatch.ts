/**
 * JSON-RPC 2.0 to a chain's node from the wallet's own screens: several calls in one HTTP
 * batch (one round trip for a whole token list), bounded like every outbound call (a
 * timeout, no redirects, a size cap). A node that refuses batches (answers with one object,
 * not an array) is asked again call by call, in parallel. Each call's answer stands alone:
 * one failed `eth_call` does not fail the others.
 */
import { TrineError } from '../errors/index.ts';

export type RpcCall = { method: string; params: readonly unknown[] };
export type RpcOutcome = { ok: true; result: unknown } | { ok: false; message: string };

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * @example
 * const [code, balance] = await rpcBatch('http://127.0.0.1:8545', [
 *   { method: 'eth_getCode', params: [token, 'latest'] },
 *   { method: 'eth_getBalance', params: [owner, 'latest'] },
 * ]);
 */
export async function rpcBatch(
  rpcUrl: string,
  calls: readonly RpcCall[],
  fetchFn: typeof fetch = fetch,
): Promise<RpcOutcome[]> {
  if (calls.length === 0) return [];
  const request = calls.map((call, id) => ({ jsonrpc: '2.0', id, method: call.method, params: call.params }));
  const answer = await post(rpcUrl, request, fetchFn);
  if (!Array.isArray(answer))
    return Promise.all(
      request.map(async (one) => outcomeOf(await post(rpcUrl, one, fetchFn).catch(() => undefined))),
    );
  const byId = new Map<unknown, unknown>(answer.map((a) => [(a as { id?: unknown } | null)?.id, a]));
  return request.map((one) => outcomeOf(byId.get(one.id)));
}

/** One call; a node error or a missing result throws `chain-error` naming the method. */
export async function rpcCall(
  rpcUrl: string,
  method: string,
  params: readonly unknown[],
  fetchFn: typeof fetch = fetch,
): Promise<unknown> {
  const [outcome] = await rpcBatch(rpcUrl, [{ method, params }], fetchFn);
  if (!outcome!.ok)
    throw new TrineError({
      code: 'chain-error',
      message: `${method} failed at ${rpcUrl}: ${outcome!.message}`,
    });
  return outcome!.result;
}

async function post(rpcUrl: string, body: unknown, fetchFn: typeof fetch): Promise<unknown> {
  let text: string;
  try {
    const response = await fetchFn(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
    if (!response.ok && text.length === 0) throw new Error(`HTTP ${response.status}`);
  } catch (cause) {
    // A browser says "Failed to fetch" alike for a refused connection and a missing CORS answer.
    throw new TrineError({
      code: 'chain-error',
      message: `the chain's node at ${rpcUrl} cannot be reached (it must be up and allow browser requests)`,
      cause,
    });
  }
  if (text.length > MAX_ANSWER_BYTES)
    throw new TrineError({
      code: 'chain-error',
      message: `the chain's node at ${rpcUrl} answered too much`,
    });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TrineError({
      code: 'chain-error',
      message: `the chain's node at ${rpcUrl} did not answer JSON-RPC`,
      cause,
    });
  }
}

function outcomeOf(answer: unknown): RpcOutcome {
  const a = answer as { result?: unknown; error?: { message?: unknown } } | null | undefined;
  if (a !== null && typeof a === 'object' && 'result' in a) return { ok: true, result: a.result };
  const message = typeof a?.error?.message === 'string' ? a.error.message.slice(0, 300) : 'no answer';
  return { ok: false, message };
}
