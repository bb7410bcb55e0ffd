/** A factor's share (f(i), g(i)) sealed to the factor's public key with secp256k1 ECIES. */
import { fromHex, toHex } from '../crypto/bytes.ts';
import { eciesOpen, eciesSeal } from '../crypto/ecies.ts';
import { decodeSharePair, encodeSharePair, type SharePair } from '../crypto/sharePair.ts';
import { factorSlot } from '../protocol/slots.ts';

export function sealFactorShare(
  P: string,
  epoch: number,
  index: number,
  factorPub: string,
  pair: SharePair,
): string {
  const plain = encodeSharePair(pair);
  try {
    return toHex(
      eciesSeal(fromHex(factorPub, 33, 'factorPub'), plain, factorSlot(P, epoch, index, factorPub)),
    );
  } finally {
    plain.fill(0);
  }
}

/** Throws TrineError('decrypt-failed') when this factor key does not open the slot. */
export function openFactorShare(
  P: string,
  epoch: number,
  index: number,
  factorPub: string,
  sealed: string,
  factorKey: Uint8Array,
): SharePair {
  const plain = eciesOpen(
    factorKey,
    fromHex(sealed, undefined, 'sealed'),
    factorSlot(P, epoch, index, factorPub),
    fromHex(factorPub, 33),
  );
  try {
    return decodeSharePair(plain);
  } finally {
    plain.fill(0);
  }
}
