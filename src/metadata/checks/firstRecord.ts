/** A created record starts the user's history: epoch 1, nothing previous, a valid dealing. */
import type { NetworkConfig } from '../../config/network.ts';
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord } from '../../protocol/formats.ts';
import { checkDealing } from './dealing.ts';

export function checkFirstRecord(network: NetworkConfig, record: MetadataRecord): void {
  if (record.epoch !== 1)
    throw new TrineError({
      code: 'invalid-input',
      message: `a new record starts at epoch 1, not ${record.epoch}`,
      details: { field: 'record.epoch' },
    });
  if (record.previous)
    throw new TrineError({
      code: 'invalid-input',
      message: 'a new record has no previous epoch',
      details: { field: 'record.previous' },
    });
  checkDealing(network, record.dealing);
}
