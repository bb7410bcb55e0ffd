/**
 * src/crypto and src/protocol run unchanged in the extension's service worker: no Node
 * module, no Node global. Checked twice: a scan of every file they reach (following
 * relative imports), and a real browser-platform bundle by esbuild, which refuses to
 * resolve a Node built-in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ALLOWED_PACKAGES = /^(@noble\/(curves|hashes|ciphers)|@scure\/bip39|valibot)(\/|$)/;
const NODE_GLOBALS = /\b(Buffer|process|require|__dirname|__filename|setImmediate|global)\b(?=\s*[.(])/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, dir, f));
const entries = [...filesUnder('src/crypto'), ...filesUnder('src/protocol')];

/** Every file reachable from the entries, with the specifiers it imports. */
function reachable(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) queue.push(resolve(dirname(file), s));
  }
  return seen;
}

describe('src/crypto and src/protocol are portable to the service worker', () => {
  const files = reachable();

  it('reach only themselves, src/errors and the allowed browser-safe packages', () => {
    expect(files.size).toBeGreaterThan(20);
    for (const [file, specifiers] of files) {
      const where = relative(root, file);
      expect(where, where).toMatch(/^src\/(crypto|protocol|errors)\//);
      for (const s of specifiers) {
        if (s.startsWith('.')) {
          expect(s, `${where} imports ${s}`).toMatch(/\.ts$/);
          continue;
        }
        expect(s.startsWith('node:') || builtinModules.includes(s), `${where} imports ${s}`).toBe(false);
        expect(s, `${where} imports ${s}`).toMatch(ALLOWED_PACKAGES);
      }
    }
  });

  it('use no Node globals (Buffer, process, require, …)', () => {
    for (const [file] of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code.match(NODE_GLOBALS)?.[0], relative(root, file)).toBeUndefined();
    }
  });

  it('bundle for the browser platform (esbuild refuses Node built-ins there)', async () => {
    const contents = entries
      .map((f) => `export * as m${entries.indexOf(f)} from ${JSON.stringify(f)};`)
      .join('\n');
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/require\(["']node:|from ["']node:/);
  });
});
