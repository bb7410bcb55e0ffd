/**
 * Legacy typed data (`eth_signTypedData`, "v1"): an array of `{ type, name, value }`, from
 * an early draft of EIP-712 that MetaMask still signs. The hash, as eth-sig-util's
 * `typedSignatureHash` computes it:
 *
 *   schemaHash = keccak256(packed("type name" strings))
 *   dataHash   = keccak256(solidityPacked(types, values))
 *   digest     = keccak256(schemaHash ‖ dataHash)          // signed raw, no EIP-191 prefix
 *
 * Only the scalar types (string, bytes, bool, address, uintN, intN, bytesN): arrays are
 * -32602 (no dApp we know sends them, and their packed encoding is a trap). Values are
 * checked strictly: a bytesN of another length, a bool that is not a boolean, a number
 * out of range is -32602, never silently truncated as the old library did.
 */
import * as v from 'valibot';
import {
  type Address,
  encodePacked,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  stringToHex,
} from 'viem';
import type { TypedDataNode } from '../../messages/dapp.ts';
import { invalidParams } from './errors.ts';

const METHOD = 'eth_signTypedData';
const SCALAR =
  /^(string|bytes|bool|address|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?|bytes([1-9]|[12][0-9]|3[0-2]))$/;

export const TypedDataV1 = v.pipe(
  v.array(
    v.strictObject({
      type: v.pipe(v.string(), v.maxLength(16)),
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
      value: v.union([v.string(), v.number(), v.boolean()]),
    }),
  ),
  v.minLength(1, 'expected at least one field'),
  v.maxLength(256),
);
export type TypedDataV1 = v.InferOutput<typeof TypedDataV1>;

/** The EIP-191-less digest of `fields`, or -32602 naming the first bad field. */
export function typedDataV1Digest(fields: TypedDataV1): Hex {
  const types = fields.map((f, i) => canonicalType(f.type, i));
  const values = fields.map((f, i) => packedValue(types[i]!, f.value, i));
  const schemaHash = keccak256(stringToHex(fields.map((f) => `${f.type} ${f.name}`).join('')));
  let dataHash: Hex;
  try {
    dataHash = keccak256(encodePacked(types, values));
  } catch (error) {
    throw invalidParams(
      `${METHOD}: ${(error as { shortMessage?: string }).shortMessage ?? 'a value does not fit its type'}`,
    );
  }
  return keccak256(encodePacked(['bytes32', 'bytes32'], [schemaHash, dataHash]));
}

/** The fields as the approval window shows them. */
export function typedDataV1Tree(fields: TypedDataV1): TypedDataNode[] {
  return fields.map((f) => ({ name: f.name, type: f.type, value: String(f.value) }));
}

function canonicalType(type: string, i: number): string {
  if (!SCALAR.test(type))
    throw invalidParams(`${METHOD}: params.0.${i}.type: ${type} is not a supported type`);
  if (type === 'uint' || type === 'int') return `${type}256`;
  return type;
}

function packedValue(type: string, value: string | number | boolean, i: number): unknown {
  const bad = (expected: string) => invalidParams(`${METHOD}: params.0.${i}.value: expected ${expected}`);
  if (type === 'string') {
    if (typeof value !== 'string') throw bad('a string');
    return value;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw bad('true or false');
    return value;
  }
  if (type === 'address') {
    if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw bad('an address');
    return getAddress(value) as Address;
  }
  if (type === 'bytes') {
    if (typeof value !== 'string') throw bad('0x-hex bytes or text');
    return isHex(value, { strict: true }) && value.length % 2 === 0 ? value : stringToHex(value);
  }
  if (type.startsWith('bytes')) {
    if (
      typeof value !== 'string' ||
      !isHex(value, { strict: true }) ||
      value.length !== 2 + 2 * Number(type.slice(5))
    )
      throw bad(`0x-hex of exactly ${type.slice(5)} bytes`);
    return value;
  }
  return integer(value, bad);
}

function integer(value: string | number | boolean, bad: (expected: string) => Error): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^(-?[0-9]{1,78}|0x[0-9a-fA-F]{1,64})$/.test(value)) return BigInt(value);
  throw bad('an integer (a safe number, decimal or 0x-hex text)');
}
