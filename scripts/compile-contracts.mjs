#!/usr/bin/env node
/**
 * Compile the test contracts (test/fixtures/contracts/*.sol) with solc-js into
 * `<Name>.json` ({ abi, bytecode }) beside them. The JSON files are committed, so tests
 * never compile; test/unit/fixtures/contracts.test.ts fails when a .sol and its JSON differ.
 *
 *   node scripts/compile-contracts.mjs          # write the JSON files
 *   node scripts/compile-contracts.mjs --check  # exit 1 if any JSON is stale
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileContracts } from './lib/contracts.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'contracts');
const check = process.argv.includes('--check');
let stale = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sol'))) {
  const outputs = compileContracts(file, readFileSync(join(dir, file), 'utf8'));
  for (const [name, artifact] of Object.entries(outputs)) {
    const path = join(dir, `${name}.json`);
    const text = `${JSON.stringify(artifact, null, 2)}\n`;
    let current = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === text) continue;
    if (check) {
      console.error(`stale: ${path}`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.info(`wrote ${path}`);
    }
  }
}
process.exit(stale ? 1 : 0);
