/** The TrineError a promise rejects with; fails the test when it resolves or throws anything else. */
import { isTrineError, type TrineError } from '../../src/errors/index.ts';

export async function rejection(promise: Promise<unknown>): Promise<TrineError> {
  try {
    await promise;
  } catch (error) {
    if (isTrineError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
