/**
 * Registers a development account on a test node network the way the wallet does (every
 * node "unknown" → a dealing for epoch 1 sealed to each node's inbox, its receipt and the
 * record's creation proof → installed on all), as in test/integration/node/flows.test.ts.
 */
import { attest } from '../../../src/clients/nodes/attest.ts';
import { fetchNetworkShare } from '../../../src/clients/nodes/fetchNetworkShare.ts';
import { installDealing } from '../../../src/clients/nodes/installDealing.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { buildTestDealing, drawWalletFor, signTestReceipt, testCreation } from '../../helpers/dealing.ts';
import type { NodeNetwork } from '../node/harness.ts';

export async function registerAccount(net: NodeNetwork, account: string) {
  const login = await net.login(account);
  let P: string | undefined;
  try {
    await fetchNetworkShare({ network: net.network, ...login });
  } catch (error) {
    if (!isTrineError(error, 'user-unknown')) throw error;
    P = error.details?.P as string;
  }
  if (!P) throw new Error(`${account} is already registered`);
  const { attestations } = await attest({ network: net.network, ...login });
  const wallet = drawWalletFor(login);
  const built = await buildTestDealing(net.network, P, 1, wallet, attestations);
  const receipt = await signTestReceipt(net.dir, net.network, built.dealing);
  const creation = testCreation(wallet.m, built.dealing, attestations);
  const result = await installDealing({
    network: net.network,
    ...login,
    dealing: built.dealing,
    receipt,
    authorization: creation.authorization,
    creation,
  });
  return { P, networkShare: built.networkShare, acks: result.acks };
}
