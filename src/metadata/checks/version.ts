/**
 * Compare-and-swap on the record version. Checked early against the version just read
 * (cheap refusal) and enforced by the store's conditional update (the real guarantee).
 */
import { TrineError } from '../../errors/index.ts';

export function versionConflict(expectedVersion: number, currentVersion: number | null): TrineError {
  return new TrineError({
    code: 'version-conflict',
    message: `record is at version ${currentVersion}, not ${expectedVersion}: read it again and retry`,
    details: { expectedVersion, currentVersion },
  });
}

export function checkVersion(storedVersion: number, expectedVersion: number): void {
  if (storedVersion !== expectedVersion) throw versionConflict(expectedVersion, storedVersion);
}
