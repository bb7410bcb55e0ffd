import { describe, expect, it } from 'vitest';
import { typedDataTree } from '../../../src/extension/dapp/typedDataTree.ts';

const types = {
  Person: [
    { name: 'name', type: 'string' },
    { name: 'wallet', type: 'address' },
  ],
  Mail: [
    { name: 'from', type: 'Person' },
    { name: 'to', type: 'Person[]' },
    { name: 'amount', type: 'uint256' },
  ],
};

describe('typedDataTree', () => {
  it('follows the declared types: structs and arrays become children, leaves text', () => {
    const tree = typedDataTree(types, 'Mail', {
      from: { name: 'Alice', wallet: '0xaa' },
      to: [{ name: 'Bob', wallet: '0xbb' }],
      amount: 12345678901234567890n,
    });
    expect(tree).toEqual([
      {
        name: 'from',
        type: 'Person',
        children: [
          { name: 'name', type: 'string', value: 'Alice' },
          { name: 'wallet', type: 'address', value: '0xaa' },
        ],
      },
      {
        name: 'to',
        type: 'Person[]',
        children: [
          {
            name: 'to[0]',
            type: 'Person',
            children: [
              { name: 'name', type: 'string', value: 'Bob' },
              { name: 'wallet', type: 'address', value: '0xbb' },
            ],
          },
        ],
      },
      { name: 'amount', type: 'uint256', value: '12345678901234567890' },
    ]);
  });

  it('shows what is signed, not what the message carries: undeclared keys are left out', () => {
    const tree = typedDataTree(types, 'Person', { name: 'A', wallet: '0x1', hidden: 'not signed' });
    expect(tree.map((n) => n.name)).toEqual(['name', 'wallet']);
  });

  it('stays bounded on self-referencing types and huge arrays', () => {
    const loop = { Node: [{ name: 'next', type: 'Node' }] };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) deep = { next: deep };
    const count = (nodes: ReturnType<typeof typedDataTree>): number =>
      nodes.reduce((n, node) => n + 1 + count(node.children ?? []), 0);
    expect(count(typedDataTree(loop, 'Node', deep))).toBeLessThanOrEqual(20);
    const wide = typedDataTree({ List: [{ name: 'xs', type: 'uint8[]' }] }, 'List', {
      xs: new Array(50_000).fill(1),
    });
    expect(count(wide)).toBeLessThanOrEqual(2_001);
  });
});
