/**
 * The private key k, for the user who proves a factor again. The proof must be something
 * the user holds (passkey, phrase, password, imported key): the device key is this browser
 * itself, so it would let anyone at the unlocked browser take the key.
 */
import { toHex } from '../crypto/bytes.ts';
import { TrineError } from '../errors/index.ts';
import type { FactorProofInput } from '../messages/wallet.ts';
import { openFactor } from '../wallet/factors.ts';
import type { WalletSession } from '../wallet/session.ts';
import { proofFromInput } from './factorInput.ts';

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
  try {
    return `0x${toHex(k)}`;
  } finally {
    k.fill(0);
  }
}
