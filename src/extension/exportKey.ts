/**
 * The selected account's private key (k itself for account 0: keyring.ts), for the user who proves a factor again. The proof must be something
 * the user holds (passkey, phrase, password, imported key): the device key is this browser
 * itself, so it would let anyone at the unlocked browser take the key.
 */
import { toHex } from '../crypto/bytes.ts';
import { scalarFromBytes, scalarToBytes } from '../crypto/scalar.ts';
import { TrineError } from '../errors/index.ts';
import type { FactorProofInput } from '../messages/wallet.ts';
import { accountKey } from '../wallet/accounts.ts';
import { openFactor } from '../wallet/factors.ts';
import type { WalletSession } from '../wallet/session.ts';
import { proofFromInput } from './factorInput.ts';
import { selectedAccount } from './keyring.ts';

export async function exportKey(session: WalletSession, input: FactorProofInput): Promise<`0x${string}`> {
  if (input.type === 'device')
    throw new TrineError({
      code: 'invalid-input',
      message:
        'proof: the device key is this browser itself; prove a passkey, phrase, password or imported key to export',
    });
  const proof = await proofFromInput(input, async () => null);
  try {
    const { record } = session.state;
    // throws unless it is a factor of this wallet whose share matches the commitments
    await openFactor(record.P, record.epoch, record.factors, proof, { ...record.tss, ...record.meta });
  } finally {
    if (proof.kind === 'key') proof.factorKey.fill(0);
  }
  const k = session.signingKey();
  let key: Uint8Array | undefined;
  try {
    key = scalarToBytes(accountKey(scalarFromBytes(k, 'k'), selectedAccount()));
    return `0x${toHex(key)}`;
  } finally {
    k.fill(0);
    key?.fill(0);
  }
}
