#!/usr/bin/env node
/** `node scripts/ensure.mjs`: install dependencies when node_modules is absent or stale. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/deps.mjs';

ensureDependencies(join(dirname(fileURLToPath(import.meta.url)), '..'));
