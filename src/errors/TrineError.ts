/**
 * One error tree for all of Trine. A user interface switches on `code`; servers map
 * `status` to HTTP. Messages never carry key material, shares or tokens.
 *
 * @example
 * throw new TrineError({ code: 'not-enough-nodes', message: 'only 2 of 3 nodes answered' });
 */
export type TrineErrorCode =
  // input and formats
  | 'invalid-input'
  | 'too-large'
  | 'decrypt-failed'
  | 'bad-signature'
  | 'commitment-mismatch'
  // identity
  | 'token-rejected'
  | 'token-expired'
  | 'rate-limited'
  // network of nodes
  | 'not-enough-nodes'
  | 'user-unknown'
  | 'node-error'
  | 'network-unreachable'
  // metadata
  | 'already-registered'
  | 'version-conflict'
  | 'record-not-found'
  | 'stale-epoch'
  // factors and wallet
  | 'factor-not-recognised'
  | 'wrong-password'
  | 'weak-password'
  | 'locked'
  | 'key-mismatch'
  | 'internal';

export type TrineErrorParameters = {
  code: TrineErrorCode;
  message: string;
  /** HTTP status a server answers with; defaults by code. */
  status?: number;
  /** Structured, non-secret details (e.g. which nodes failed and why). */
  details?: Record<string, unknown>;
  cause?: unknown;
};

const defaultStatus: Partial<Record<TrineErrorCode, number>> = {
  'invalid-input': 400,
  'too-large': 413,
  'decrypt-failed': 400,
  'bad-signature': 401,
  'commitment-mismatch': 400,
  'token-rejected': 401,
  'token-expired': 401,
  'rate-limited': 429,
  'user-unknown': 404,
  'record-not-found': 404,
  'already-registered': 409,
  'version-conflict': 409,
  'stale-epoch': 409,
};

export class TrineError extends Error {
  override readonly name = 'TrineError';
  readonly code: TrineErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor({ code, message, status, details, cause }: TrineErrorParameters) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.status = status ?? defaultStatus[code] ?? 500;
    this.details = details;
  }

  /** Whether a server may show this error's message to the caller. */
  get expose(): boolean {
    return this.status < 500;
  }
}

/** True for a TrineError, optionally of one code. */
export function isTrineError(value: unknown, code?: TrineErrorCode): value is TrineError {
  return value instanceof TrineError && (code === undefined || value.code === code);
}

/** Shorthand for the commonest error: bad input, naming the field. */
export function invalidInput(field: string, problem: string): TrineError {
  return new TrineError({ code: 'invalid-input', message: `${field}: ${problem}`, details: { field } });
}
