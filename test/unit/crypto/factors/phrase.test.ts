import { entropyToMnemonic, generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/crypto/bytes.ts';
import {
  factorKeyFromPhrase,
  generateRecoveryPhrase,
  phraseFromFactorKey,
} from '../../../../src/crypto/factors/phrase.ts';
import { N, scalarFromBytes, scalarToBytes } from '../../../../src/crypto/scalar.ts';
import { expectTrine } from '../helpers.ts';

const { factorKey, phrase } = generateRecoveryPhrase();
const words = phrase.split(' ');

describe('recovery-phrase factor key (24 BIP-39 words)', () => {
  it('generates 24 words that round-trip to the same valid key', () => {
    expect(words).toHaveLength(24);
    expect(words.every((w) => wordlist.includes(w))).toBe(true);
    expect(scalarFromBytes(factorKey) > 0n).toBe(true);
    expect(toHex(factorKeyFromPhrase(phrase))).toBe(toHex(factorKey));
    expect(phraseFromFactorKey(factorKey)).toBe(phrase);
    expect(generateRecoveryPhrase().phrase).not.toBe(phrase);
  });

  it('accepts the phrase with other spacing and case', () => {
    const typed = `  ${words.map((w, i) => (i % 2 ? w.toUpperCase() : w)).join(' \n\t ')}  `;
    expect(toHex(factorKeyFromPhrase(typed))).toBe(toHex(factorKey));
  });

  it('catches a swapped pair of words or a wrong word by the checksum, without returning a key', () => {
    // the 8-bit checksum of 24 words catches 255 of 256 wrong phrases: pick fixed cases it catches
    const fixed = entropyToMnemonic(new Uint8Array(32).fill(0x11), wordlist).split(' ');
    const swapped = [...fixed];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(swapped[3]).not.toBe(fixed[3]);
    expect(expectTrine(() => factorKeyFromPhrase(swapped.join(' ')), 'invalid-input').message).toMatch(
      /checksum/,
    );
    const typo = [...fixed];
    typo[5] = typo[5] === 'abandon' ? 'ability' : 'abandon';
    expect(expectTrine(() => factorKeyFromPhrase(typo.join(' ')), 'invalid-input').message).toMatch(
      /checksum/,
    );
  });

  it('a random one-word change passes the checksum about once in 256 times, and never yields the old key', () => {
    let passed = 0;
    const trials = 1024;
    for (let t = 0; t < trials; t++) {
      const changed = [...words];
      const at = t % 24;
      changed[at] = wordlist[(wordlist.indexOf(words[at]!) + 1 + (t % 2047)) % 2048]!;
      try {
        expect(toHex(factorKeyFromPhrase(changed.join(' ')))).not.toBe(toHex(factorKey));
        passed++;
      } catch (error) {
        expect((error as Error).message).toMatch(/checksum|valid key/);
      }
    }
    expect(passed).toBeLessThan(trials / 50); // expected 4, bound far above chance
  });

  it('names an unknown word by its position', () => {
    const changed = [...words];
    changed[6] = 'bitcoinz';
    expect(expectTrine(() => factorKeyFromPhrase(changed.join(' ')), 'invalid-input').message).toMatch(
      /word 7/,
    );
  });

  it('refuses a wrong word count, including valid 12-word BIP-39 mnemonics', () => {
    for (const text of [
      words.slice(0, 23).join(' '),
      `${phrase} abandon`,
      generateMnemonic(wordlist, 128),
      '',
      '   ',
    ])
      expect(expectTrine(() => factorKeyFromPhrase(text), 'invalid-input').message).toMatch(
        /expected 24 words/,
      );
  });

  it('refuses a checksummed phrase whose entropy is not a valid scalar (0 or ≥ n)', () => {
    for (const entropy of [new Uint8Array(32), new Uint8Array(32).fill(0xff)])
      expect(
        expectTrine(() => factorKeyFromPhrase(entropyToMnemonic(entropy, wordlist)), 'invalid-input').message,
      ).toMatch(/valid key/);
    expect(() => phraseFromFactorKey(new Uint8Array(32))).toThrow(RangeError);
    expect(() => phraseFromFactorKey(scalarToBytes(N - 1n))).not.toThrow();
    expect(() => factorKeyFromPhrase(42 as unknown as string)).toThrow(TypeError);
  });
});
