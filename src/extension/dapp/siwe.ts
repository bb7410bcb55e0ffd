/**
 * Sign-In with Ethereum (EIP-4361): recognise a sign-in message, parse it with viem, and
 * say what is wrong with it for this request. The one that matters most: the message's
 * `domain` must be the requesting site's host, or a phishing site is asking the user to
 * sign in to another site (EIP-4361 §"Security considerations", wallet-side checks).
 */
import { type Address, isAddressEqual } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import type { SiweView } from '../../messages/dapp.ts';

const HEADER = / wants you to sign in with your Ethereum account:\n/;

export type SiweCheck = {
  /** The requesting site, from the browser. */
  origin: string;
  /** The account that would sign. */
  address: Address;
  /** The chain the wallet is on (decimal). */
  chainId: number;
  now?: Date;
};

/** The parsed sign-in message with its warnings, or `null` when `text` is not one. */
export function checkSiwe(text: string, check: SiweCheck): SiweView | null {
  if (!HEADER.test(text)) return null;
  const fields = parseSiweMessage(text);
  const warnings: string[] = [];
  const origin = new URL(check.origin);
  const now = check.now ?? new Date();
  const date = (d: Date | undefined) =>
    d === undefined || Number.isNaN(d.getTime()) ? null : d.toISOString();

  const complete =
    fields.domain !== undefined &&
    fields.address !== undefined &&
    fields.uri !== undefined &&
    fields.version !== undefined &&
    fields.chainId !== undefined &&
    fields.nonce !== undefined &&
    fields.issuedAt !== undefined;
  if (!complete) warnings.push('This sign-in message is malformed: required fields are missing.');
  if (fields.domain !== undefined && fields.domain.toLowerCase() !== origin.host.toLowerCase())
    warnings.push(
      `Domain mismatch: the message signs you in to "${fields.domain}", but the request comes from ${check.origin}. This may be a phishing attempt.`,
    );
  if (fields.scheme !== undefined && `${fields.scheme}:` !== origin.protocol)
    warnings.push(
      `The message names the scheme "${fields.scheme}", but the site uses "${origin.protocol.slice(0, -1)}".`,
    );
  if (fields.address !== undefined && !isAddressEqual(fields.address, check.address))
    warnings.push(`The message names the account ${fields.address}, not yours (${check.address}).`);
  if (fields.chainId !== undefined && fields.chainId !== check.chainId)
    warnings.push(`The message is for chain ${fields.chainId}; Trine is on chain ${check.chainId}.`);
  if (fields.version !== undefined && fields.version !== '1')
    warnings.push(`Unknown message version "${fields.version}".`);
  if (fields.expirationTime !== undefined && !(fields.expirationTime.getTime() > now.getTime()))
    warnings.push('The message has expired.');
  if (fields.notBefore !== undefined && !(fields.notBefore.getTime() <= now.getTime()))
    warnings.push('The message is not valid yet.');

  return {
    domain: fields.domain ?? '',
    address: fields.address ?? '',
    statement: fields.statement ?? null,
    uri: fields.uri ?? '',
    version: fields.version ?? '',
    chainId: fields.chainId ?? 0,
    nonce: fields.nonce ?? '',
    issuedAt: date(fields.issuedAt),
    expirationTime: date(fields.expirationTime),
    notBefore: date(fields.notBefore),
    resources: fields.resources ?? [],
    warnings,
  };
}
