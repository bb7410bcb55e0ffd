import { describe, expect, it } from 'vitest';
import {
  clearUnlock,
  loadUnlock,
  memorySessionArea,
  saveUnlock,
} from '../../../src/extension/sessionStore.ts';

describe('the unlocked session in storage.session', () => {
  it('is saved, read back shape-checked, and removed', async () => {
    const area = memorySessionArea();
    expect(await loadUnlock(area)).toBeNull();
    const unlock = { session: { v: 1 }, email: null, factorPub: null, network: false, lockAt: 5 };
    await saveUnlock(area, unlock as never);
    expect(await loadUnlock(area)).toEqual(unlock); // a recovery without the nodes stays one
    await clearUnlock(area);
    expect(area.entries.size).toBe(0);
  });

  it('an entry saved before recovery existed reads as a normal (network) unlock', async () => {
    const area = memorySessionArea();
    await area.set('wallet-unlocked', { session: { v: 1 }, email: 'a@b', factorPub: null, lockAt: 5 });
    expect(await loadUnlock(area)).toEqual({
      session: { v: 1 },
      email: 'a@b',
      factorPub: null,
      network: true,
      lockAt: 5,
    });
  });

  it('a damaged entry is refused as invalid input', async () => {
    const area = memorySessionArea();
    await area.set('wallet-unlocked', { session: {}, email: 3, factorPub: null, lockAt: 1 });
    await expect(loadUnlock(area)).rejects.toThrow(/stored session\.email/);
  });
});
