export type {
  DetailsOf,
  KnownTrineError,
  TrineErrorCode,
  TrineErrorDetails,
  TrineErrorParameters,
} from './TrineError.ts';
export { invalidInput, isTrineError, TrineError } from './TrineError.ts';
