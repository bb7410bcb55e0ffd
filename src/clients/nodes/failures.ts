/**
 * Why a node did not help: one entry per node, shown to the user ("node 3: bad-share")
 * and used by the wallet to decide what to relay. Never carries key material.
 */
import { isTrineError } from '../../errors/index.ts';

export type NodeFailureReason =
  | 'unreachable'
  | 'bad-answer'
  | 'bad-signature'
  | 'wrong-binding'
  | 'bad-share'
  | 'disagrees'
  | 'other-epoch'
  | 'token-rejected'
  | 'token-expired'
  | 'rate-limited'
  /** The dealing is sealed to an inbox key the node no longer holds: only a new dealing reaches it. */
  | 'inbox-unknown'
  | 'refused';

export type NodeFailure = { node: number; reason: NodeFailureReason; message: string };

/** Thrown inside a per-node call: a failure already classified. */
export class NodeCallError extends Error {
  readonly reason: NodeFailureReason;
  constructor(reason: NodeFailureReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

export function failureOf(node: number, error: unknown): NodeFailure {
  if (error instanceof NodeCallError) return { node, reason: error.reason, message: error.message };
  if (isTrineError(error)) {
    const reason: NodeFailureReason =
      error.code === 'network-unreachable'
        ? 'unreachable'
        : error.code === 'token-rejected' ||
            error.code === 'token-expired' ||
            error.code === 'rate-limited' ||
            error.code === 'inbox-unknown'
          ? error.code
          : error.code === 'node-error' || error.code === 'invalid-input'
            ? 'bad-answer'
            : 'refused';
    return { node, reason, message: error.message };
  }
  return { node, reason: 'bad-answer', message: error instanceof Error ? error.message : String(error) };
}
