#!/usr/bin/env node
/**
 * `npm test`: everything, in order, on a fresh clone.
 *   0. install what is missing: node_modules (npm ci), Debian chromium / firefox-esr (apt,
 *      as root), and check that PostgreSQL answers;
 *   1. tsc --noEmit   2. biome check .   3. vitest unit   4. vitest integration
 *   5. build the extension + web-ext lint dist/firefox (0 errors)   6. playwright e2e
 * Every step runs even when an earlier one failed (except e2e without a build), and the
 * last line is `N passed, N failed[, N skipped]`. Exit code 1 on any failure.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/deps.mjs';
import { bin, check, playwright, vitest, webExtLint } from './lib/runners.mjs';
import { checkPostgres, ensureAptBinary } from './lib/system.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
ensureDependencies(root);
mkdirSync(join(root, 'test-results'), { recursive: true });

/** @type {import('./lib/runners.mjs').StepResult[]} */
const results = [];
const prerequisite = (name, problem) => {
  if (problem) console.error(`[test] ${problem}`);
  results.push({
    name,
    passed: problem ? 0 : 1,
    failed: problem ? 1 : 0,
    skipped: 0,
    ...(problem ? { note: problem } : {}),
  });
  return !problem;
};

const pgUrl = process.env.TRINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.TRINE_TEST_PG = pgUrl;
const chromium = prerequisite('chromium installed', ensureAptBinary('/usr/bin/chromium', 'chromium'));
// The Firefox smoke tests (test/e2e/firefox.spec.ts) need it: a missing Firefox is a failure, not a skip.
prerequisite('firefox-esr installed', ensureAptBinary('/usr/bin/firefox-esr', 'firefox-esr'));
if (prerequisite('postgresql reachable', await checkPostgres(pgUrl)))
  console.info(`[test] PostgreSQL answers at ${pgUrl}`);

results.push(check(root, 'tsc --noEmit', bin(root, 'tsc'), ['--noEmit', '-p', 'tsconfig.json']));
results.push(check(root, 'biome check', bin(root, 'biome'), ['check', '.']));
results.push(vitest(root, 'unit'));
results.push(vitest(root, 'integration'));
const build = check(root, 'extension build', 'npm', ['run', 'build']);
results.push(build);
if (build.failed) {
  results.push({ name: 'web-ext lint', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
  results.push({
    name: 'playwright e2e',
    passed: 0,
    failed: 1,
    skipped: 0,
    note: 'not run: the build failed',
  });
} else {
  results.push(webExtLint(root));
  if (chromium) results.push(playwright(root));
  else
    results.push({ name: 'playwright e2e', passed: 0, failed: 1, skipped: 0, note: 'not run: no Chromium' });
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.info('\n[test] summary');
for (const r of results) {
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  const mark = r.failed ? 'FAIL' : 'ok  ';
  const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
  console.info(`  ${mark} ${r.name.padEnd(22)} ${counts}${r.note ? `  (${r.note})` : ''}`);
  for (const failure of r.failures ?? []) console.info(`         ✗ ${failure}`);
}
console.info(`  took ${Math.round((Date.now() - started) / 1000)}s`);
console.info(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exitCode = total.failed ? 1 : 0;
