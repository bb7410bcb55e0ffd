/**
 * Bundle a test dApp (viemDapp.ts, ethersDapp.ts) into one classic script with vite, and
 * wrap it in an HTML page for `startPageServer`. Cached per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../../../../src/config/local.ts';

const built = new Map<string, Promise<string>>();

export function dappPage(name: 'viemDapp' | 'ethersDapp', title: string): Promise<string> {
  let script = built.get(name);
  if (script === undefined) {
    script = bundle(name);
    built.set(name, script);
  }
  return script.then(
    (js) =>
      `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><script>${js.replaceAll('</script', '<\\/script')}</script>`,
  );
}

async function bundle(name: string): Promise<string> {
  const outDir = join(repoRoot, 'test-results', 'dapp-bundles');
  await build({
    configFile: false,
    root: repoRoot,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'chrome120',
      lib: {
        entry: join(import.meta.dirname, `${name}.ts`),
        formats: ['iife'],
        name: `test_${name}`,
        fileName: () => `${name}.js`,
      },
    },
  });
  return readFileSync(join(outDir, `${name}.js`), 'utf8');
}
