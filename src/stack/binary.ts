/**
 * Resolves a command to an executable before it is spawned, so a missing binary is
 * reported with what to install instead of an ENOENT from deep inside `spawn`.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { TrineError } from '../errors/index.ts';

/** Absolute path of `command` (a path, or a name looked up in PATH); undefined when absent. */
export function findBinary(command: string, cwd = process.cwd()): string | undefined {
  if (command.includes('/')) {
    const path = isAbsolute(command) ? command : resolve(cwd, command);
    return executable(path) ? path : undefined;
  }
  const dirs = [join(cwd, 'node_modules', '.bin'), ...(process.env.PATH ?? '').split(delimiter)];
  return dirs.map((dir) => join(dir, command)).find(executable);
}

/** Like `findBinary`, but throws a `TrineError('internal')` that says how to get it. */
export function requireBinary(service: string, command: string, cwd?: string, hint?: string): string {
  const path = findBinary(command, cwd);
  if (path) return path;
  throw new TrineError({
    code: 'internal',
    message: `${service}: cannot find the program \`${command}\`. ${hint ?? 'Run `npm ci` to install the project tools.'}`,
    details: { service, command },
  });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
