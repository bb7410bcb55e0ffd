/**
 * Recovery-phrase factor: a random factor key shown once as 24 BIP-39 words. The words
 * encode the 32 key bytes directly (entropy = key), so the phrase round-trips exactly and
 * a typo is caught by the BIP-39 checksum.
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { TrineError } from '../../errors/index.ts';
import { abytes } from '../bytes.ts';
import { randomScalar, scalarFromBytes, scalarToBytes } from '../scalar.ts';

const WORDS = new Set(wordlist);

/** A fresh factor key and its 24 words. */
export function generateRecoveryPhrase(): { factorKey: Uint8Array; phrase: string } {
  const factorKey = scalarToBytes(randomScalar());
  return { factorKey, phrase: entropyToMnemonic(factorKey, wordlist) };
}

export function phraseFromFactorKey(factorKey: Uint8Array): string {
  abytes(factorKey, 32, 'factorKey');
  scalarFromBytes(factorKey, 'factorKey');
  return entropyToMnemonic(factorKey, wordlist);
}

/** Normalise spacing and case, check the checksum, return the factor key. */
export function factorKeyFromPhrase(phrase: string): Uint8Array {
  if (typeof phrase !== 'string') throw new TypeError('phrase: expected a string');
  const words = phrase.normalize('NFKD').trim().toLowerCase().split(/\s+/);
  if (words.length !== 24)
    throw new TrineError({
      code: 'invalid-input',
      message: `recovery phrase: expected 24 words, got ${words.length}`,
    });
  const unknown = words.findIndex((w) => !WORDS.has(w));
  if (unknown >= 0)
    throw new TrineError({
      code: 'invalid-input',
      message: `recovery phrase: word ${unknown + 1} is not in the word list`,
    });
  let key: Uint8Array;
  try {
    key = mnemonicToEntropy(words.join(' '), wordlist); // checks the 8-bit checksum
  } catch {
    throw new TrineError({
      code: 'invalid-input',
      message: 'recovery phrase: checksum mismatch (a word is wrong or out of order)',
    });
  }
  try {
    scalarFromBytes(key, 'factorKey');
  } catch {
    throw new TrineError({ code: 'invalid-input', message: 'recovery phrase: does not encode a valid key' });
  }
  return key;
}
