/**
 * One signed call to one node: POST, exact status, schema, Ed25519 signature by the node's
 * key from network.json. Anything else is a `NodeCallError` naming what was wrong.
 */
import type { GenericSchema, InferOutput } from 'valibot';
import { safeParse } from 'valibot';
import type { NodeEntry } from '../../config/network.ts';
import { fromHex } from '../../crypto/bytes.ts';
import { ed25519VerifyBody, type SignedBody } from '../../crypto/signature.ts';
import { errorFromAnswer, postJson } from '../http.ts';
import { NodeCallError } from './failures.ts';

/** `signal` carries the timeout (see `fanOut`): one timer for the N requests of a fan-out. */
export type CallOptions = { signal: AbortSignal; timeoutMs: number };

/** Call options for a fan-out: ends with `signal` (if any) or after `timeoutMs`. */
export function fanOut(signal: AbortSignal | undefined, timeoutMs = 10_000): CallOptions {
  const deadline = AbortSignal.timeout(timeoutMs);
  return { signal: signal ? AbortSignal.any([signal, deadline]) : deadline, timeoutMs };
}

/** POST to `node.url + path`; a non-200 becomes the server's TrineError, a malformed 200 a NodeCallError. */
export async function callNode<S extends GenericSchema>(
  node: NodeEntry,
  path: string,
  request: unknown,
  schema: S,
  { signal, timeoutMs }: CallOptions,
): Promise<InferOutput<S>> {
  const url = `${node.url.replace(/\/$/, '')}${path}`;
  const answer = await postJson(url, request, {
    signal,
    timeoutMs,
    signalHasDeadline: true,
    maxBytes: 256 * 1024,
  });
  if (answer.status !== 200) throw errorFromAnswer(url, answer);
  const parsed = safeParse(schema, answer.body, { abortEarly: true });
  if (!parsed.success) throw new NodeCallError('bad-answer', `node ${node.index}: malformed answer`);
  return parsed.output;
}

/** Checks `{ body, sig }` against the node's signing key. */
export async function assertSignedBy(
  node: NodeEntry,
  signed: { body: SignedBody; sig: string },
): Promise<void> {
  const ok = await ed25519VerifyBody(fromHex(node.signingKey, 32), signed.body, fromHex(signed.sig, 64));
  if (!ok) throw new NodeCallError('bad-signature', `node ${node.index}: signature does not verify`);
}
