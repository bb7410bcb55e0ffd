#!/usr/bin/env node
/**
 * `npm start [-- --browser]`: installs what is missing, then runs the local stack
 * (src/stack/start.ts, loaded through tsx). `npm start -- --help` lists the options.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const { register } = await import('tsx/esm/api');
register();
const { main, reportFailure } = await import('../src/stack/start.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportFailure(error);
}
