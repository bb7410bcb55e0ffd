/** The metadata server client (service worker and Node: fetch only). */
export type { MetadataCallOptions, MetadataEndpoint } from './call.ts';
export { type CreateRecordReturnType, createRecord } from './createRecord.ts';
export { AlreadyRegisteredError, VersionConflictError } from './errors.ts';
export { type ReadRecordReturnType, readRecord, signReadRequest } from './readRecord.ts';
export {
  type ReadRecordByFactorOptions,
  type ReadRecordByFactorReturnType,
  readRecordByFactor,
  signReadByFactorRequest,
} from './readRecordByFactor.ts';
export { verifyReceipt } from './verifyReceipt.ts';
export { type WriteRecordReturnType, writeRecord } from './writeRecord.ts';
