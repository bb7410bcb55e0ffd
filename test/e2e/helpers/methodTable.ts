/**
 * The method-by-method table of docs/DAPPS.md ("MetaMask's JSON-RPC API, method by method"),
 * parsed, so tests can hold the code and the real provider to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../src/config/local.ts';

export type MethodRow =
  | { method: string; answer: 'supported'; notes: string }
  | { method: string; answer: 'refused'; code: number; message: string };

const HEADING = "## MetaMask's JSON-RPC API, method by method";

export function documentedMethods(): MethodRow[] {
  const doc = readFileSync(join(repoRoot, 'docs', 'DAPPS.md'), 'utf8');
  const start = doc.indexOf(HEADING);
  if (start < 0) throw new Error(`docs/DAPPS.md has no section '${HEADING}'`);
  const end = doc.indexOf('\n## ', start + HEADING.length);
  const rows: MethodRow[] = [];
  for (const line of doc.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.match(/^\| `([A-Za-z0-9_]+)` +\| ([^|]+?) +\| (.*?) +\|$/);
    if (cells === null) continue;
    const [, method, answer, notes] = cells as unknown as [string, string, string, string];
    const refused = answer.match(/^refused: (-?\d+)$/);
    if (answer === 'supported') rows.push({ method, answer, notes });
    else if (refused !== null)
      rows.push({ method, answer: 'refused', code: Number(refused[1]), message: notes });
    else
      throw new Error(`docs/DAPPS.md: ${method}: '${answer}' is neither 'supported' nor 'refused: <code>'`);
  }
  return rows;
}
