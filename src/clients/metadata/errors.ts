/**
 * Typed answers of the metadata server a caller acts on. Both are TrineErrors with the
 * server's code, so `switch (err.code)` works; the subclasses add typed fields.
 */
import { TrineError } from '../../errors/index.ts';
import type { Creation, Dealing, Receipt } from '../../protocol/formats.ts';

/** A compare-and-swap lost: read the record again (at `currentVersion`) and re-apply. */
export class VersionConflictError extends TrineError {
  readonly currentVersion: number | null;
  constructor({
    url,
    expectedVersion,
    currentVersion,
  }: { url: string; expectedVersion: number; currentVersion: number | null }) {
    super({
      code: 'version-conflict',
      message: `${url}: record is at version ${currentVersion}, not ${expectedVersion}`,
      details: { expectedVersion, currentVersion },
    });
    this.currentVersion = currentVersion;
  }
}

/**
 * Another creator won for this P: its dealing and receipt (receipt verified) and creation
 * proof (for the loser to check, register.ts) let the loser relay the dealing.
 */
export class AlreadyRegisteredError extends TrineError {
  readonly dealing: Dealing;
  readonly receipt: Receipt;
  readonly creation: Creation;
  constructor({
    url,
    dealing,
    receipt,
    creation,
  }: { url: string; dealing: Dealing; receipt: Receipt; creation: Creation }) {
    super({
      code: 'already-registered',
      message: `${url}: this account is already registered`,
      details: { dealing, receipt, creation },
    });
    this.dealing = dealing;
    this.receipt = receipt;
    this.creation = creation;
  }
}
