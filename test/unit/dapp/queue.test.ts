import { describe, expect, it } from 'vitest';
import { ApprovalQueue, MAX_WAITING, MAX_WAITING_PER_ORIGIN } from '../../../src/extension/dapp/queue.ts';
import type { ApprovalRequest } from '../../../src/messages/dapp.ts';

const view = { kind: 'switch-chain', from: chain('0x1'), to: chain('0x2') } as const;
function chain(chainId: `0x${string}`) {
  return { chainId, name: `chain ${chainId}`, symbol: 'ETH' };
}
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'approved',
    (e: { code: number }) => e.code,
  );

describe('ApprovalQueue', () => {
  it('lists requests oldest first and settles each with the decision', async () => {
    const changes: number[] = [];
    const queue = new ApprovalQueue({ onChange: (r) => changes.push(r.length) });
    const a = codeOf(queue.ask('http://a.test', view));
    const b = codeOf(queue.ask('http://b.test', view));
    const [first, second] = queue.list();
    expect([first?.origin, second?.origin]).toEqual(['http://a.test', 'http://b.test']);
    expect(first?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(queue.decide(second!.id, false)).toBe(true);
    expect(queue.decide(first!.id, true)).toBe(true);
    expect(await a).toBe('approved');
    expect(await b).toBe(4001);
    expect(changes).toEqual([1, 2, 1, 0]);
  });

  it('a better description replaces the view while the request waits, and is ignored after the decision', async () => {
    const changes: string[] = [];
    const queue = new ApprovalQueue({ onChange: (r) => changes.push(r.map((x) => x.view.kind).join()) });
    let name!: (v: typeof named) => void;
    const named = { kind: 'switch-chain', from: chain('0x1'), to: chain('0x3') } as const;
    const a = codeOf(queue.ask('http://a.test', view, new Promise((resolve) => (name = resolve))));
    expect(queue.list()[0]!.view).toEqual(view);
    name(named);
    await Promise.resolve();
    expect(queue.list()[0]!.view).toEqual(named);
    expect(changes).toHaveLength(2); // asked, then renamed: the window reloads

    let late!: (v: typeof named) => void;
    const b = codeOf(queue.ask('http://b.test', view, new Promise((resolve) => (late = resolve))));
    const failed = codeOf(queue.ask('http://c.test', view, Promise.reject(new Error('node gone'))));
    await Promise.resolve();
    const [, second, third] = queue.list();
    expect(third!.view).toEqual(view); // a failed renaming leaves the first view
    queue.decide(second!.id, true);
    late(named);
    await Promise.resolve();
    expect(queue.list().map((r) => r.origin)).toEqual(['http://a.test', 'http://c.test']);
    queue.rejectAll();
    expect([await a, await b, await failed]).toEqual([4001, 'approved', 4001]);
  });

  it('a request is decided once; an unknown id changes nothing', async () => {
    const queue = new ApprovalQueue();
    const a = codeOf(queue.ask('http://a.test', view));
    const id = queue.list()[0]!.id;
    expect(queue.decide(id, true)).toBe(true);
    expect(queue.decide(id, false)).toBe(false);
    expect(queue.decide('f'.repeat(32), true)).toBe(false);
    expect(await a).toBe('approved');
  });

  it('closing the window rejects everything waiting with 4001', async () => {
    const queue = new ApprovalQueue();
    const all = [queue.ask('http://a.test', view), queue.ask('http://b.test', view)].map(codeOf);
    queue.rejectAll();
    expect(await Promise.all(all)).toEqual([4001, 4001]);
    expect(queue.size).toBe(0);
  });

  it('bounds what one site and everyone together may have waiting (-32002)', async () => {
    const queue = new ApprovalQueue();
    for (let i = 0; i < MAX_WAITING_PER_ORIGIN; i++) void queue.ask('http://a.test', view).catch(() => {});
    expect(await codeOf(queue.ask('http://a.test', view))).toBe(-32002);
    expect(queue.size).toBe(MAX_WAITING_PER_ORIGIN);
    for (let i = 0; queue.size < MAX_WAITING; i++) void queue.ask(`http://s${i}.test`, view).catch(() => {});
    expect(await codeOf(queue.ask('http://other.test', view))).toBe(-32002);
    queue.rejectAll();
  });

  it('the list handed out is a copy without the settle functions', () => {
    const queue = new ApprovalQueue({ now: () => 42, newId: () => 'a'.repeat(32) });
    void queue.ask('http://a.test', view).catch(() => {});
    const listed: ApprovalRequest[] = queue.list();
    expect(listed).toEqual([{ id: 'a'.repeat(32), origin: 'http://a.test', createdAt: 42, view }]);
    expect(structuredClone(listed)).toEqual(listed);
    queue.rejectAll();
  });
});
