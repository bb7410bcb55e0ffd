/** The client accepts a receipt only if the network's metadata key signed it for this dealing. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyReceipt } from '../../../src/clients/metadata/verifyReceipt.ts';
import { initNetwork, metadataSecretsPath } from '../../../src/config/init-network.ts';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { fromHex } from '../../../src/crypto/bytes.ts';
import { importEd25519Signer } from '../../../src/crypto/signature.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { signReceipt } from '../../../src/metadata/receipt.ts';
import { newUser } from '../../helpers/record.ts';

let dir: string;
let network: NetworkConfig;
let signer: CryptoKey;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trine-receipt-'));
  ({ network } = initNetwork({ dir, nodes: 3, threshold: 2, basePort: 19201, metadataPort: 19300 }));
  const seed = JSON.parse(readFileSync(metadataSecretsPath(dir), 'utf8')).signingKey;
  signer = await importEd25519Signer(fromHex(seed, 32), fromHex(network.metadata.signingKey, 32));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (p: Promise<void>) =>
  p.then(
    () => false,
    (e: unknown) => isTrineError(e, 'bad-signature'),
  );

test('a receipt by the server key for this dealing passes; anything else is bad-signature', async () => {
  const u = await newUser(network);
  const other = await newUser(network, { P: u.P });
  const receipt = await signReceipt(signer, u.record, 1, Date.now());
  await verifyReceipt(network.metadata.signingKey, receipt, u.record.dealing);
  expect(await refused(verifyReceipt(network.metadata.signingKey, receipt, other.record.dealing))).toBe(true);
  const otherKey = network.nodes[0]!.signingKey;
  expect(await refused(verifyReceipt(otherKey, receipt, u.record.dealing))).toBe(true);
  const forged = { ...receipt, body: { ...receipt.body, version: 2 } };
  expect(await refused(verifyReceipt(network.metadata.signingKey, forged, u.record.dealing))).toBe(true);
});
