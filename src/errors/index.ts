export type { TrineErrorCode, TrineErrorParameters } from './TrineError.ts';
export { invalidInput, isTrineError, TrineError } from './TrineError.ts';
