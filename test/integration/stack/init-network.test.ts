import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/config/init-network.ts';
import { parseNetworkConfig } from '../../../src/config/network.ts';
import { loadNetworkDir } from '../../../src/stack/network-dir.ts';
import { tempDir } from './helpers.ts';

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('network:init', () => {
  it('writes a valid network whose public keys belong to the secret keys, secrets readable only by the owner', () => {
    const dir = tempDir('init');
    initNetwork({ dir, nodes: 4, threshold: 3, basePort: 19201, metadataPort: 19300 });
    const network = parseNetworkConfig(readJson(join(dir, 'network.json')));
    expect(network.nodes.map((n) => n.url)).toEqual(
      [19201, 19202, 19203, 19204].map((p) => `http://127.0.0.1:${p}`),
    );
    expect(network.metadata.url).toBe('http://127.0.0.1:19300');
    expect(network.verifiers).toEqual([
      {
        name: 'trine-dev',
        issuer: 'http://localhost:9400',
        audiences: ['trine-extension'],
        subjectClaim: 'sub',
      },
    ]);
    const salts = new Set<string>();
    for (const node of network.nodes) {
      const file = join(dir, `node-${node.index}.secrets.json`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secrets = readJson(file);
      expect(secrets.index).toBe(node.index);
      expect(toHex(ed25519.getPublicKey(hexToBytes(secrets.signingKey)))).toBe(node.signingKey);
      expect(toHex(x25519.getPublicKey(hexToBytes(secrets.encryptionKey)))).toBe(node.encryptionKey);
      expect(secrets.storageKey).toMatch(/^[0-9a-f]{64}$/);
      salts.add(secrets.networkSalt);
    }
    expect(salts.size).toBe(1); // one network salt shared by all nodes
    const metadata = readJson(join(dir, 'metadata.secrets.json'));
    expect(statSync(join(dir, 'metadata.secrets.json')).mode & 0o777).toBe(0o600);
    expect(toHex(ed25519.getPublicKey(hexToBytes(metadata.signingKey)))).toBe(network.metadata.signingKey);
    expect(loadNetworkDir(dir)).toEqual(network);
  });

  it('never overwrites an existing network without --force', () => {
    const dir = tempDir('init-again');
    initNetwork({ dir, nodes: 2, threshold: 2, basePort: 19201, metadataPort: 19300 });
    const before = readFileSync(join(dir, 'node-1.secrets.json'), 'utf8');
    expect(() => initNetwork({ dir, nodes: 2, threshold: 2, basePort: 19201, metadataPort: 19300 })).toThrow(
      /already exists; pass --force/,
    );
    expect(readFileSync(join(dir, 'node-1.secrets.json'), 'utf8')).toBe(before);
    initNetwork({ dir, nodes: 2, threshold: 2, basePort: 19201, metadataPort: 19300, force: true });
    expect(readFileSync(join(dir, 'node-1.secrets.json'), 'utf8')).not.toBe(before);
  });

  it('rejects a threshold above the node count and writes nothing', () => {
    const dir = join(tempDir('init-bad'), 'net');
    expect(() => initNetwork({ dir, nodes: 2, threshold: 3, basePort: 19201, metadataPort: 19300 })).toThrow(
      /threshold is larger than the number of nodes/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('works from the command line (npm run network:init) with a custom issuer', () => {
    const dir = tempDir('init-cli');
    const args = [
      '--dir',
      dir,
      '--nodes',
      '3',
      '--threshold',
      '2',
      '--issuer',
      'https://accounts.google.com',
    ];
    const run = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/config/init-network.ts', ...args, '--client-id', 'abc.apps'],
        {
          encoding: 'utf8',
        },
      );
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('network of 3 nodes (threshold 2)');
    expect(readJson(join(dir, 'network.json')).verifiers[0]).toMatchObject({
      issuer: 'https://accounts.google.com',
      audiences: ['abc.apps'],
    });
    const files = readdirSync(dir).sort();
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already exists');
    expect(readdirSync(dir).sort()).toEqual(files);
  });
});
