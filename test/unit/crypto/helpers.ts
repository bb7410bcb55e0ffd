/** Assertions shared by the crypto and protocol tests. */
import { expect } from 'vitest';
import { isTrineError, type TrineErrorCode } from '../../../src/errors/index.ts';

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got a return');
}

export async function rejected(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}

/** `fn` throws a TrineError with one of `codes`; returns it. */
export function expectTrine(fn: () => unknown, ...codes: TrineErrorCode[]) {
  const error = thrown(fn);
  expect(isTrineError(error), String(error)).toBe(true);
  if (isTrineError(error)) expect(codes).toContain(error.code);
  return error as { code: TrineErrorCode; message: string };
}

export async function expectTrineAsync(fn: () => Promise<unknown>, ...codes: TrineErrorCode[]) {
  const error = await rejected(fn);
  expect(isTrineError(error), String(error)).toBe(true);
  if (isTrineError(error)) expect(codes).toContain(error.code);
  return error as { code: TrineErrorCode; message: string };
}

/** The documented error rule: a TrineError, or TypeError/RangeError for misuse. */
export function isDocumentedError(error: unknown): boolean {
  return isTrineError(error) || error instanceof TypeError || error instanceof RangeError;
}
