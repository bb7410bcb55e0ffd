/**
 * Gas limit from the node's estimate plus headroom: state can change between estimate and
 * inclusion (another transaction touches the same storage), and unused gas is refunded.
 * A plain transfer to an account without code is exactly 21 000 and gets no headroom.
 */

/** Headroom on estimates, in percent. */
export const GAS_HEADROOM_PERCENT = 20n;
const TRANSFER_GAS = 21_000n;

/** @example withHeadroom(50_000n) // → 60_000n */
export function withHeadroom(estimate: bigint): bigint {
  if (estimate === TRANSFER_GAS) return estimate;
  return (estimate * (100n + GAS_HEADROOM_PERCENT) + 99n) / 100n; // round up
}
