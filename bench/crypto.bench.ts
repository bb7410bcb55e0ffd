/**
 * Crypto core benchmark: `tsx bench/crypto.bench.ts [--quick]` (contract: scripts/bench.mjs).
 * Prints one line per figure, then ONE JSON line of all figures (ops/s unless the name says ms).
 *
 * Split at N = 5 is a threshold-3 polynomial evaluated at 5 indices, at N = 18 threshold 10
 * at 18 indices (the design's two network sizes); interpolate takes the threshold's number of
 * points. Feldman verify is one sub-share against threshold-10 commitments (what a client does
 * per node at N = 18). ECIES seals and opens a 64-byte share pair. Node's built-in crypto is
 * measured beside noble where a server could use it instead (secp256k1 ECDSA verify, ECDH).
 * `login_crypto_t10_*_ms` is the client's crypto for one login at N = 18 (t = 10 answers:
 * verify signature, open sub-shares, interpolate F and G, check against the commitments),
 * with the scheme we use (Ed25519 + X25519, WebCrypto) and with secp256k1 throughout (noble).
 */
import { createECDH, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes, toBase64Url, utf8 } from '../src/crypto/bytes.ts';
import { canonicalBytes } from '../src/crypto/canonical.ts';
import { eciesOpen, eciesSeal } from '../src/crypto/ecies.ts';
import { generateDeviceKey, importFactorKey } from '../src/crypto/factors/keys.ts';
import { factorKeyFromPassword } from '../src/crypto/factors/password.ts';
import { factorKeyFromPhrase, generateRecoveryPhrase } from '../src/crypto/factors/phrase.ts';
import { factorKeyFromPrf } from '../src/crypto/factors/prf.ts';
import { commit, decodeCommitments, verifySecret, verifyShare } from '../src/crypto/feldman.ts';
import { randomScalar } from '../src/crypto/scalar.ts';
import { drawPolynomial, evaluate, evaluateAll, interpolateAtZero } from '../src/crypto/shamir.ts';
import { decodeSharePair, encodeSharePair } from '../src/crypto/sharePair.ts';
import {
  ecdsaSignBody,
  ecdsaVerifyBody,
  ed25519SignBody,
  ed25519VerifyBody,
  importEd25519Signer,
} from '../src/crypto/signature.ts';
import { signatureTag } from '../src/crypto/tags.ts';
import { generateX25519, x25519Open, x25519Seal } from '../src/crypto/x25519.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const budgetMs = quick ? 150 : 1000;
const figures: Record<string, number> = {};

const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 100) / 100);
function record(name: string, value: number, unit: string): void {
  figures[`crypto.${name}`] = round(value);
  console.info(`${name.padEnd(34)} ${String(round(value)).padStart(10)} ${unit}`);
}

/** ops/s of `fn`, run repeatedly for the time budget after a warm-up (for the JIT) of a third of it. */
async function ops(name: string, fn: () => unknown): Promise<void> {
  const warm = performance.now();
  do await fn();
  while (performance.now() - warm < budgetMs / 3);
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    await fn();
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < budgetMs);
  record(`${name}_ops`, (n * 1000) / elapsed, 'ops/s');
}

/** median ms of `fn` over `runs` runs. */
async function ms(name: string, fn: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  record(`${name}_ms`, median, 'ms');
  return median;
}

// ---------- Shamir and Feldman ----------
for (const [n, t] of [
  [5, 3],
  [18, 10],
] as const) {
  const indices = Array.from({ length: n }, (_, i) => i + 1);
  const secret = randomScalar();
  await ops(`split_n${n}`, () => evaluateAll(drawPolynomial(secret, t), indices));
  const points = evaluateAll(drawPolynomial(secret, t), indices).slice(0, t);
  await ops(`interpolate_n${n}`, () => interpolateAtZero(points));
  await ops(`feldman_commit_n${n}`, () => commit(drawPolynomial(secret, t)));
}
const poly10 = drawPolynomial(randomScalar(), 10);
const commitments10 = decodeCommitments(commit(poly10));
const share7 = evaluate(poly10, 7);
await ops('feldman_verify', () => verifyShare(commitments10, 7, share7));
const poly2 = drawPolynomial(randomScalar(), 2);
const commitments2 = decodeCommitments(commit(poly2));
const share3 = evaluate(poly2, 3);
await ops('feldman_verify_t2', () => verifyShare(commitments2, 3, share3));

// ---------- ECIES ----------
const slot = utf8('{"P":"ab","epoch":1,"index":2,"slot":"factor-share"}');
const pair = encodeSharePair({ f: randomScalar(), g: randomScalar() });
const factorKey = generateDeviceKey();
const factorPub = secp256k1.getPublicKey(factorKey, true);
const sealedK1 = eciesSeal(factorPub, pair, slot);
await ops('ecies_seal', () => eciesSeal(factorPub, pair, slot));
await ops('ecies_open', () => eciesOpen(factorKey, sealedK1, slot, factorPub));
const session = await generateX25519();
const sealedX = await x25519Seal(session.publicKey, pair, slot);
await ops('x25519_seal', () => x25519Seal(session.publicKey, pair, slot));
await ops('x25519_open', () => x25519Open(session, sealedX, slot));
const nodeEcdh = createECDH('secp256k1');
nodeEcdh.generateKeys();
const peer = secp256k1.getPublicKey(generateDeviceKey(), true);
await ops('node_ecdh_secp256k1', () => nodeEcdh.computeSecret(peer));

// ---------- factor keys ----------
const prfOutput = new Uint8Array(32).fill(7);
await ops('prf_factor', () => factorKeyFromPrf(prfOutput));
const { phrase } = generateRecoveryPhrase();
await ops('phrase_factor', () => factorKeyFromPhrase(phrase));
await ops('device_key', () => generateDeviceKey());
await ops('import_key', () => importFactorKey(factorKey));
const salt = new Uint8Array(16).fill(1);
await ms(
  'argon2id',
  () => factorKeyFromPassword('violet-Harbor-93-quietly', salt, { enforceStrength: true }),
  quick ? 1 : 3,
);

// ---------- signatures ----------
const body = {
  kind: 'node-share',
  status: 'ok',
  node: 3,
  P: 'ab'.repeat(32),
  epoch: 1,
  sealed: 'cd'.repeat(137),
};
const userKey = generateDeviceKey();
const userPub = secp256k1.getPublicKey(userKey, true);
const ecdsaSig = ecdsaSignBody(userKey, body);
await ops('ecdsa_sign', () => ecdsaSignBody(userKey, body));
await ops('ecdsa_verify', () => ecdsaVerifyBody(userPub, body, ecdsaSig));
// Node verifies the same signature natively: SHA-256 over tag ‖ 0 ‖ canonical(body) is our digest
const preimage = concatBytes(utf8(signatureTag(body.kind)), new Uint8Array([0]), canonicalBytes(body));
const uncompressed = secp256k1.getPublicKey(userKey, false);
const nodeKey = createPublicKey({
  format: 'jwk',
  key: {
    kty: 'EC',
    crv: 'secp256k1',
    x: toBase64Url(uncompressed.subarray(1, 33)),
    y: toBase64Url(uncompressed.subarray(33)),
  },
});
const nodeVerifyOnce = () =>
  nodeVerify('sha256', preimage, { key: nodeKey, dsaEncoding: 'ieee-p1363' }, ecdsaSig);
if (!nodeVerifyOnce()) throw new Error('node:crypto does not verify our ECDSA signature');
await ops('node_ecdsa_verify', nodeVerifyOnce);
const seed = new Uint8Array(32).fill(3);
const serverPub = ed25519.getPublicKey(seed);
const signer = await importEd25519Signer(seed, serverPub);
const edSig = await ed25519SignBody(signer, body);
await ops('ed25519_sign', () => ed25519SignBody(signer, body));
await ops('ed25519_verify', () => ed25519VerifyBody(serverPub, body, edSig));

// ---------- one login's client crypto at N = 18, t = 10 ----------
{
  const t = 10;
  const F = drawPolynomial(randomScalar(), t);
  const G = drawPolynomial(randomScalar(), t);
  const cF = decodeCommitments(commit(F));
  const cG = decodeCommitments(commit(G));
  const nodes = Array.from({ length: t }, (_, i) => i + 1);
  const plain = nodes.map((j) => encodeSharePair({ f: evaluate(F, j), g: evaluate(G, j) }));
  const x = await Promise.all(plain.map((p) => x25519Seal(session.publicKey, p, slot)));
  const xSigs = await Promise.all(nodes.map(() => ed25519SignBody(signer, body)));
  const k = await Promise.all(plain.map((p) => eciesSeal(factorPub, p, slot)));
  const kSigs = nodes.map(() => ecdsaSignBody(userKey, body));
  const finish = (pairs: { f: bigint; g: bigint }[]) => {
    const f0 = interpolateAtZero(pairs.map((p, i) => ({ index: nodes[i]!, value: p.f })));
    const g0 = interpolateAtZero(pairs.map((p, i) => ({ index: nodes[i]!, value: p.g })));
    if (!verifySecret(cF, f0) || !verifySecret(cG, g0)) throw new Error('login bench: mismatch');
  };
  await ms(
    'login_crypto_t10_x25519_ed25519',
    async () => {
      const pairs = await Promise.all(
        nodes.map(async (_, i) => {
          if (!(await ed25519VerifyBody(serverPub, body, xSigs[i]!))) throw new Error('bad signature');
          return decodeSharePair(await x25519Open(session, x[i]!, slot));
        }),
      );
      finish(pairs);
    },
    quick ? 5 : 20,
  );
  await ms(
    'login_crypto_t10_secp256k1',
    () => {
      const pairs = nodes.map((_, i) => {
        if (!ecdsaVerifyBody(userPub, body, kSigs[i]!)) throw new Error('bad signature');
        return decodeSharePair(eciesOpen(factorKey, k[i]!, slot, factorPub));
      });
      finish(pairs);
    },
    quick ? 3 : 10,
  );
}

console.info(JSON.stringify(figures)); // the last stdout line: the figures (scripts/bench.mjs)
