/**
 * Warnings decoded from typed data that lets someone spend the user's tokens: a signature
 * is enough, no transaction of the user's, so it is what token drainers ask for.
 *
 * - EIP-2612 `Permit(owner, spender, value, nonce, deadline)` on the token itself (the
 *   domain's verifying contract), and DAI's `Permit(holder, spender, nonce, expiry, allowed)`;
 * - Uniswap Permit2 (domain "Permit2", contract 0x000000000022D473030F116dDEE9F6B43aC78BA3):
 *   `PermitSingle` / `PermitBatch` (AllowanceTransfer: uint160 amounts until `expiration`;
 *   0 means this block only), `PermitTransferFrom` / `PermitBatchTransferFrom` and their
 *   `…Witness…` forms (SignatureTransfer: one transfer before `deadline`).
 *
 * One warning per token; unlimited amounts (from half the type's range up) are danger.
 * Pure: fields that are missing or of the wrong type give no warning, never an error.
 */
import { type Address, isAddress, isAddressEqual } from 'viem';
import type { WarningView } from '../../../messages/dapp.ts';
import type { TokenLookup } from '../simulate/tokenInfo.ts';
import { deadlineText, isUnlimited, tokenAmount, tokenLabel } from './tokenAmount.ts';

export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3' as const;

export type TypedDataForWarnings = {
  domain: { name?: string | undefined; verifyingContract?: string | undefined };
  primaryType: string;
  message: Record<string, unknown>;
};

export function permitWarnings(
  data: TypedDataForWarnings,
  tokens: TokenLookup = () => undefined,
): WarningView[] {
  const { domain, primaryType, message } = data;
  const contract = addressOf(domain.verifyingContract);
  if (isPermit2(domain.name, contract)) return permit2Warnings(primaryType, message, contract, tokens);
  if (primaryType === 'Permit' && contract !== null) return eip2612Warning(message, contract, tokens);
  return [];
}

/** The token contracts a permit names, to read their symbol and decimals first (at most 8). */
export function permitTokens(data: TypedDataForWarnings): Address[] {
  const contract = addressOf(data.domain.verifyingContract);
  if (isPermit2(data.domain.name, contract)) {
    const allowance = data.primaryType === 'PermitSingle' || data.primaryType === 'PermitBatch';
    const entries = asList(allowance ? data.message.details : data.message.permitted);
    return entries.flatMap((e) => addressOf(e.token) ?? []).slice(0, 8);
  }
  return data.primaryType === 'Permit' && contract !== null ? [contract] : [];
}

function isPermit2(name: string | undefined, contract: Address | null): boolean {
  return name === 'Permit2' || (contract !== null && isAddressEqual(contract, PERMIT2_ADDRESS));
}

function eip2612Warning(
  message: Record<string, unknown>,
  token: Address,
  tokens: TokenLookup,
): WarningView[] {
  const spender = addressOf(message.spender);
  if (spender === null) return [];
  const info = tokens(token);
  // DAI's permit: `allowed: true` is an unlimited allowance, `false` revokes.
  const dai = typeof message.allowed === 'boolean';
  const value = dai ? (message.allowed === true ? (1n << 256n) - 1n : 0n) : quantityOf(message.value);
  const deadline = quantityOf(dai ? message.expiry : message.deadline);
  if (value === null || value === 0n) return [];
  const unlimited = isUnlimited(value);
  return [
    {
      kind: 'permit',
      severity: unlimited ? 'danger' : 'caution',
      title: `Permit: this signature lets ${spender} spend ${unlimited ? 'all' : 'some'} of your ${info?.symbol ?? 'tokens'} without a transaction of yours.`,
      details: [
        { label: 'Spender', value: spender },
        { label: 'Token', value: tokenLabel(token, info) },
        { label: 'Amount', value: tokenAmount(value, info) },
        ...(deadline === null ? [] : [{ label: 'Signature valid until', value: deadlineText(deadline) }]),
      ],
    },
  ];
}

function permit2Warnings(
  primaryType: string,
  message: Record<string, unknown>,
  contract: Address | null,
  tokens: TokenLookup,
): WarningView[] {
  const spender = addressOf(message.spender);
  if (spender === null) return [];
  const allowance = primaryType === 'PermitSingle' || primaryType === 'PermitBatch';
  const transfer = /^Permit(Batch)?(Witness)?TransferFrom$/.test(primaryType);
  if (!allowance && !transfer) return [];
  const entries = asList(allowance ? message.details : message.permitted);
  const deadline = quantityOf(allowance ? message.sigDeadline : message.deadline);
  const notCanonical =
    contract === null || !isAddressEqual(contract, PERMIT2_ADDRESS)
      ? [{ label: 'Verifying contract', value: `${contract ?? 'none'} (not the Permit2 contract)` }]
      : [];
  return entries.flatMap((entry): WarningView[] => {
    const token = addressOf(entry.token);
    const amount = quantityOf(entry.amount);
    if (token === null || amount === null || amount === 0n) return [];
    const info = tokens(token);
    const bits = allowance ? 160 : 256; // AllowanceTransfer amounts are uint160
    const unlimited = isUnlimited(amount, bits);
    const expiration = allowance ? quantityOf(entry.expiration) : null;
    return [
      {
        kind: 'permit2',
        severity: unlimited ? 'danger' : 'caution',
        title: allowance
          ? `Permit2 allowance: this signature lets ${spender} spend ${unlimited ? 'all' : 'some'} of your ${info?.symbol ?? 'tokens'} until it expires, without a transaction of yours.`
          : `Permit2 transfer: this signature lets ${spender} take ${unlimited ? 'all' : 'some'} of your ${info?.symbol ?? 'tokens'} once.`,
        details: [
          { label: 'Spender', value: spender },
          { label: 'Token', value: tokenLabel(token, info) },
          { label: 'Amount', value: tokenAmount(amount, info, bits) },
          ...(expiration === null
            ? []
            : [
                {
                  label: 'Allowance expires',
                  value: expiration === 0n ? 'at the block it is used in' : deadlineText(expiration),
                },
              ]),
          ...(deadline === null ? [] : [{ label: 'Signature valid until', value: deadlineText(deadline) }]),
          ...notCanonical,
        ],
      },
    ];
  });
}

function asList(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null).slice(0, 100);
}

function addressOf(value: unknown): Address | null {
  return typeof value === 'string' && isAddress(value, { strict: false }) ? (value as Address) : null;
}

/** A uint as typed data carries it: a decimal or 0x string, a number, or a bigint; else null. */
function quantityOf(value: unknown): bigint | null {
  try {
    if (typeof value === 'bigint') return value >= 0n ? value : null;
    if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
    if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(value)) return BigInt(value);
  } catch {
    // unreachable: the patterns above only let through what BigInt reads
  }
  return null;
}
