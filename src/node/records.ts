/** Reading a user's record at this node: the store's row, opened with the storage key. */
import { TrineError } from '../errors/index.ts';
import type { NodeContext } from './context.ts';
import { type NodeRecord, openRecord } from './record.ts';

export async function readRecord(ctx: NodeContext, P: string): Promise<NodeRecord | undefined> {
  const row = await ctx.store.get(P);
  if (!row) return undefined;
  const record = openRecord(ctx.recordKey, P, row.sealed);
  if (record.epoch !== row.epoch)
    throw new TrineError({ code: 'internal', message: 'a stored record disagrees with its epoch column' });
  return record;
}
