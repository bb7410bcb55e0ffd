/**
 * docs/DAPPS.md's method-by-method table and the code cannot drift apart: every method the
 * provider answers is listed as supported, every refusal is listed with the very message a
 * dApp receives, and every listed method gets that answer from the dispatcher.
 */
import { describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { supportedMethods } from '../../../src/extension/dapp/rpc/index.ts';
import { REFUSED_METHODS } from '../../../src/extension/dapp/rpc/refused.ts';
import { documentedMethods } from '../../e2e/helpers/methodTable.ts';
import { DEV_KEY } from './anvil.ts';
import { memoryServices } from './memoryServices.ts';

const rows = documentedMethods();

describe('the documented method table', () => {
  it('lists MetaMask’s API: over sixty methods, each once', () => {
    expect(rows.length).toBeGreaterThan(60);
    expect(new Set(rows.map((r) => r.method)).size).toBe(rows.length);
  });

  it('lists every method Trine answers as supported, and every refusal with its exact message', () => {
    const documented = new Map(rows.map((r) => [r.method, r]));
    for (const method of supportedMethods())
      expect(documented.get(method), method).toMatchObject({ answer: 'supported' });
    for (const [method, message] of REFUSED_METHODS)
      expect(documented.get(method), method).toEqual({ method, answer: 'refused', code: 4200, message });
  });

  it('each row is what the dispatcher answers', async () => {
    const services = memoryServices({
      key: DEV_KEY,
      chains: [{ chainId: '0x7a69', name: 'unreachable', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' }],
    });
    services.lock(); // nothing is asked of a user
    for (const row of rows) {
      const answer = await dispatchProviderRequest(
        { method: row.method, params: [] },
        { origin: 'http://a.test', page: { id: 'page', deliver: () => {} } },
        services,
      );
      if (row.answer === 'refused')
        expect(answer, row.method).toEqual({ error: { code: row.code, message: row.message } });
      else if ('error' in answer)
        expect(answer.error.code, `${row.method}: ${answer.error.message}`).not.toBe(4200);
    }
    expect(services.approvals.size).toBe(0);
  });
});
