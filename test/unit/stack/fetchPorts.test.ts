/**
 * A stack is refused before anything starts when one of its ports is on the Fetch
 * standard's bad-port list (browsers and Node's fetch refuse them), naming service and port.
 */
import { describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../../src/config/local.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { assertFetchablePorts, stackPorts } from '../../../src/stack/fetchPorts.ts';

const config = loadLocalConfig();

function refusal(offset: number, nodes?: number) {
  try {
    assertFetchablePorts(stackPorts(config, offset, nodes));
    return undefined;
  } catch (error) {
    if (!isTrineError(error)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
}

describe('ports browsers refuse to fetch', () => {
  it('names the demo dApp on 10080 for --port-offset 2000', () => {
    expect(refusal(2000)).toEqual({
      code: 'invalid-input',
      message: expect.stringContaining('dapp: port 10080 is one browsers refuse to fetch'),
      details: { field: 'port', service: 'dapp', port: 10080 },
    });
  });

  it('names a node, the metadata server, the OpenID provider or the chain when theirs is the one', () => {
    expect(refusal(10080 - 9203)?.details).toEqual({ field: 'port', service: 'node-3', port: 10080 });
    expect(refusal(10080 - 9300)?.details).toMatchObject({ service: 'metadata' });
    expect(refusal(10080 - 9400)?.details).toMatchObject({ service: 'oidc' });
    expect(refusal(10080 - 8545)?.details).toMatchObject({ service: 'chain' });
    // The 18th node of a bigger network.
    expect(refusal(10080 - 9218, 18)?.details).toMatchObject({ service: 'node-18' });
    expect(refusal(10080 - 9218, 5)).toBeUndefined();
  });

  it('lets the offsets the project uses through', () => {
    for (const offset of [0, 1000, 11_000, 11_600, 12_000, 13_000, 22_800])
      expect(refusal(offset)).toBeUndefined();
  });
});
