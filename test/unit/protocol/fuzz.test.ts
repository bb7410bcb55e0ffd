/**
 * Fuzzing every validator: 10,000 mutated or random inputs each. A validator either
 * returns a value or throws TrineError('invalid-input'); nothing else may escape. What it
 * returns is valid again (parsing is idempotent) and, for the strict formats, canonical (so
 * it can be hashed and signed without a second check).
 */
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseNetworkConfig } from '../../../src/config/network.ts';
import { canonicalJson } from '../../../src/crypto/canonical.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import * as formats from '../../../src/protocol/formats.ts';
import { parse } from '../../../src/protocol/parse.ts';
import { networkConfig, validFormats } from './fixtures.ts';
import { fuzz, fuzzInput } from './mutate.ts';

const RUNS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);
const schemas = Object.entries(formats as Record<string, unknown>).filter(
  (entry): entry is [string, v.GenericSchema] =>
    typeof entry[1] === 'object' && (entry[1] as { kind?: string }).kind === 'schema',
);

/**
 * The contract of a validator. Accepted inputs are counted so a fuzzer that never gets past
 * the door is noticed. `strict`: the output is canonical JSON and parses to itself again
 * (not for ErrorBody, a loose format whose `details` may hold anything).
 */
function validator(run: (input: unknown) => unknown, strict: boolean) {
  const tally = { accepted: 0, refused: 0 };
  const check = (input: unknown) => {
    let output: unknown;
    try {
      output = run(input);
    } catch (error) {
      if (!isTrineError(error, 'invalid-input')) throw error;
      tally.refused++;
      return;
    }
    tally.accepted++;
    if (strict) expect(canonicalJson(run(output))).toBe(canonicalJson(output));
  };
  return { check, tally };
}

describe('fuzz every format of src/protocol/formats.ts', () => {
  it.each(schemas)(
    `parse(%s, …): ${RUNS} inputs give a value or TrineError('invalid-input')`,
    (name, schema) => {
      const { check, tally } = validator((input) => parse(schema, input, name), name !== 'ErrorBody');
      fuzz(RUNS, SEED, (rng) => fuzzInput(validFormats[name], rng), check);
      expect(tally.refused).toBeGreaterThan(RUNS / 4);
      if (name !== 'FactorType') expect(tally.accepted).toBeGreaterThan(0); // some mutations keep it valid
    },
  );

  it(`parseNetworkConfig: ${RUNS} inputs give a config or TrineError('invalid-input')`, () => {
    const { check, tally } = validator(parseNetworkConfig, true);
    fuzz(RUNS, SEED, (rng) => fuzzInput(networkConfig, rng), check);
    expect(tally.refused).toBeGreaterThan(RUNS / 4);
  });
});
