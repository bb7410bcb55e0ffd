/**
 * Whatever a page sends, the dispatcher answers — never throws, never hangs — with a result
 * or an EIP-1193/JSON-RPC error whose code is one we document. Every approval is rejected
 * at once, and the chain is unreachable, so nothing here needs a browser or a node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { ApprovalQueue } from '../../../src/extension/dapp/queue.ts';
import { DEV_KEY } from './anvil.ts';
import { memoryServices } from './memoryServices.ts';

const documented = new Set([4001, 4100, 4200, 4900, 4901, 4902, -32600, -32602, -32002, -32005, -32000]);
const methods = [
  'eth_requestAccounts',
  'eth_accounts',
  'eth_chainId',
  'net_version',
  'wallet_requestPermissions',
  'wallet_getPermissions',
  'wallet_revokePermissions',
  'wallet_switchEthereumChain',
  'wallet_addEthereumChain',
  'personal_sign',
  'eth_signTypedData_v4',
  'eth_signTypedData_v3',
  'eth_signTypedData',
  'personal_ecRecover',
  'eth_coinbase',
  'eth_newFilter',
  'eth_newBlockFilter',
  'eth_getFilterChanges',
  'eth_getFilterLogs',
  'eth_uninstallFilter',
  'eth_subscribe',
  'eth_unsubscribe',
  'eth_sendTransaction',
  'eth_getBalance',
  'eth_call',
  'eth_sign',
  'eth_foo',
];

describe('dispatchProviderRequest under random input', () => {
  it('answers every request with a result or a documented error code', async () => {
    const services = memoryServices({
      key: DEV_KEY,
      chains: [{ chainId: '0x7a69', name: 'unreachable', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' }],
    });
    // The user says no to everything, at once.
    const queue = new ApprovalQueue({
      onChange: (requests) =>
        queueMicrotask(() => {
          for (const r of requests) queue.decide(r.id, false);
        }),
    });
    services.approvals = queue;
    await services.permissions.put({ origin: 'http://a.test', accounts: [services.address], grantedAt: 1 });
    const address = fc.constantFrom(services.address, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    const param = fc.oneof(
      fc.anything(),
      address,
      fc.uint8Array({ maxLength: 40 }).map((b) => `0x${Buffer.from(b).toString('hex')}`),
      fc.record({ from: address, to: fc.option(address), value: fc.oneof(fc.constant('0x1'), fc.string()) }),
      fc.record({ chainId: fc.oneof(fc.constant('0x7a69'), fc.constant('0x1'), fc.string()) }),
      fc.record({ eth_accounts: fc.constant({}) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.option(fc.oneof(fc.array(param, { maxLength: 4 }), fc.dictionary(fc.string(), param)), {
          nil: undefined,
        }),
        fc.constantFrom('http://a.test', 'http://b.test'),
        async (method, params, origin) => {
          const answer = await dispatchProviderRequest(
            params === undefined ? { method } : { method, params: params as unknown[] },
            { origin },
            services,
          );
          if ('error' in answer) {
            expect(documented, `${method} ${answer.error.code} ${answer.error.message}`).toContain(
              answer.error.code,
            );
            expect(typeof answer.error.message).toBe('string');
          }
          expect(() => structuredClone(answer)).not.toThrow();
        },
      ),
      { numRuns: 1500 },
    );
    expect(services.approvals.size).toBe(0);
  }, 120_000);
});
