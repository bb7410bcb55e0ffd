/**
 * `personal_sign` (EIP-191 version 0x45): params `[message, address]`, the message as
 * 0x-hex bytes (or, as some dApps send it, plain text). Shown as text when it is UTF-8,
 * and checked as a Sign-In with Ethereum message when it is one.
 */

import * as v from 'valibot';
import { type Hex, hexToBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { requireAccount } from '../access.ts';
import { messageBytes, messageParam } from '../message.ts';
import { addressParam, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { checkSiwe } from '../siwe.ts';

const Params = v.tuple([messageParam, addressParam]);

export const personalSign: MethodHandler = async (params, context, services) => {
  const [message, named] = paramsOf(Params, params, 'personal_sign');
  const raw = messageBytes(message);
  const address = await requireAccount(context, services, named);
  const text = utf8Text(raw);
  const chain = await services.chains.selected();
  const siwe =
    text === null
      ? null
      : checkSiwe(text, { origin: context.origin, address, chainId: Number(BigInt(chain.chainId)) });
  await services.approvals.ask(context.origin, { kind: 'sign-message', address, text, hex: raw, siwe });
  const signature = await services.keyring.withSigningKey((key) =>
    privateKeyToAccount(key).signMessage({ message: { raw } }),
  );
  await services.activity.add({
    kind: 'sign',
    origin: context.origin,
    hash: null,
    chainId: chain.chainId,
    status: 'done',
    summary: siwe === null ? 'Signed a message' : `Signed in to ${siwe.domain}`,
    at: Date.now(),
  });
  return signature;
};

/** The bytes as text when they are valid UTF-8 without control characters (other than newlines/tabs). */
function utf8Text(raw: Hex): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hexToBytes(raw));
    return hasControlCharacters(text) ? null : text;
  } catch {
    return null;
  }
}

/** Binary data that happens to decode as UTF-8 shows control characters: show it as hex. */
function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f) return true;
  }
  return false;
}
