/**
 * EIP-712 typed data as a tree the approval window can show: each struct field named and
 * typed, nested structs and arrays as children. Built from the declared types (not from
 * the message's own keys), so what is shown is what is signed.
 */
import type { TypedDataNode } from '../../messages/dapp.ts';

type Types = Record<string, readonly { name: string; type: string }[]>;

const MAX_DEPTH = 16;
const MAX_NODES = 2_000;

export function typedDataTree(
  types: Types,
  primaryType: string,
  message: Record<string, unknown>,
): TypedDataNode[] {
  const budget = { nodes: 0 };
  return structFields(types, primaryType, message, 0, budget);
}

function structFields(
  types: Types,
  typeName: string,
  value: Record<string, unknown>,
  depth: number,
  budget: { nodes: number },
): TypedDataNode[] {
  return (types[typeName] ?? []).map((field) =>
    node(types, field.name, field.type, value[field.name], depth + 1, budget),
  );
}

function node(
  types: Types,
  name: string,
  type: string,
  value: unknown,
  depth: number,
  budget: { nodes: number },
): TypedDataNode {
  budget.nodes++;
  if (depth > MAX_DEPTH || budget.nodes > MAX_NODES) return { name, type, value: '…' };
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array !== null) {
    const items: unknown[] = Array.isArray(value) ? value : [];
    const inner = array[1] ?? '';
    const shown = items.slice(0, Math.max(0, MAX_NODES - budget.nodes));
    const children = shown.map((item, i) => node(types, `${name}[${i}]`, inner, item, depth + 1, budget));
    if (shown.length < items.length)
      children.push({
        name: `${name}[…]`,
        type: inner,
        value: `${items.length - shown.length} more not shown`,
      });
    return { name, type, children };
  }
  if (types[type] !== undefined) {
    const struct = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    return { name, type, children: structFields(types, type, struct, depth, budget) };
  }
  return { name, type, value: leafText(value) };
}

function leafText(value: unknown): string {
  if (typeof value === 'string') return value.length > 1024 ? `${value.slice(0, 1024)}…` : value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value ?? null).slice(0, 1024);
}
