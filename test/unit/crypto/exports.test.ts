/**
 * The public API of the crypto core and the formats, pinned: other parts of Trine build on
 * these names, so removing or renaming one fails here. New exports are welcome (the check is
 * "contains"), and runtime values only (types vanish at run time).
 */
import { describe, expect, it } from 'vitest';

const pinned: Record<string, string[]> = {
  '../../../src/crypto/aead.ts': ['aeadSeal', 'aeadOpen'],
  '../../../src/crypto/bytes.ts': [
    'abytes',
    'toHex',
    'fromHex',
    'concatBytes',
    'equalBytes',
    'utf8',
    'randomBytes',
    'wipe',
    'toBase64Url',
    'fromBase64Url',
  ],
  '../../../src/crypto/canonical.ts': ['canonicalJson', 'canonicalBytes', 'taggedHash'],
  '../../../src/crypto/ecies.ts': ['ECIES_SECP256K1_VERSION', 'eciesSeal', 'eciesOpen'],
  '../../../src/crypto/feldman.ts': [
    'commit',
    'decodeCommitments',
    'publicAt',
    'verifyShare',
    'verifySecret',
    'invalidShares',
  ],
  '../../../src/crypto/hashToScalar.ts': ['hashToScalar'],
  '../../../src/crypto/pseudonym.ts': ['pseudonym'],
  '../../../src/crypto/scalar.ts': [
    'Point',
    'N',
    'mod',
    'invert',
    'scalarToBytes',
    'scalarFromBytes',
    'randomScalar',
    'publicOf',
    'pointFromBytes',
    'pointToBytes',
    'pointFromHex',
  ],
  '../../../src/crypto/shamir.ts': [
    'drawPolynomial',
    'refreshPolynomial',
    'evaluate',
    'evaluateAll',
    'lagrangeAtZero',
    'interpolateAtZero',
  ],
  '../../../src/crypto/sharePair.ts': ['encodeSharePair', 'decodeSharePair'],
  '../../../src/crypto/signature.ts': [
    'signedDigest',
    'importEd25519Signer',
    'ed25519SignBody',
    'ed25519VerifyBody',
    'ecdsaSignBody',
    'ecdsaVerifyBody',
  ],
  '../../../src/crypto/tags.ts': ['TAG', 'signatureTag'],
  '../../../src/crypto/x25519.ts': [
    'ECIES_X25519_VERSION',
    'generateX25519',
    'importX25519Private',
    'x25519Seal',
    'x25519Open',
  ],
  '../../../src/crypto/factors/keys.ts': ['generateDeviceKey', 'importFactorKey', 'factorPublicKey'],
  '../../../src/crypto/factors/password.ts': [
    'PASSWORD_KDF',
    'PASSWORD_SALT_BYTES',
    'passwordWeakness',
    'newPasswordSalt',
    'factorKeyFromPassword',
  ],
  '../../../src/crypto/factors/phrase.ts': [
    'generateRecoveryPhrase',
    'phraseFromFactorKey',
    'factorKeyFromPhrase',
  ],
  '../../../src/crypto/factors/prf.ts': ['prfSalt', 'factorKeyFromPrf'],
  '../../../src/protocol/formats.ts': [
    'MAX_NODES',
    'MAX_FACTORS',
    'MAX_EPOCH',
    'MAX_PRIVATE_BYTES',
    'MAX_BODY_BYTES',
    'signed',
    'FactorType',
    'Dealing',
    'ReceiptBody',
    'Receipt',
    'DealingAuthorizationBody',
    'ShareRequest',
    'NodeShareOk',
    'NodeShareUnknown',
    'NodeShareBody',
    'ShareResponse',
    'AttestationBody',
    'Attestation',
    'AttestRequest',
    'InstallRequest',
    'InstallAckBody',
    'InstallAck',
    'FactorEntry',
    'MetadataRecord',
    'RecordWriteBody',
    'CreateRequest',
    'RecordReadBody',
    'ReadRequest',
    'ReadResponse',
    'WriteRequest',
    'WriteResponse',
    'AlreadyRegistered',
    'ErrorBody',
  ],
  '../../../src/protocol/hashes.ts': ['dealingHash', 'recordHash'],
  '../../../src/protocol/nonce.ts': ['loginNonce'],
  '../../../src/protocol/parse.ts': ['parse', 'hex', 'hexUpTo', 'int', 'point', 'key32'],
  '../../../src/protocol/slots.ts': [
    'shareSlot',
    'dealingSlot',
    'factorSlot',
    'privateSlot',
    'nodeStorageSlot',
  ],
};

describe('the exported API of src/crypto and src/protocol is stable', () => {
  for (const [path, names] of Object.entries(pinned))
    it(path.replace('../../../', ''), async () => {
      const module = await import(path);
      expect(Object.keys(module)).toEqual(expect.arrayContaining(names));
    });
});
