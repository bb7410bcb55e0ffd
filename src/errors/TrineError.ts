/**
 * One error tree for all of Trine. A user interface switches on `code`; servers map
 * `status` to HTTP. Messages never carry key material, shares or tokens.
 *
 * One meaning per code: a screen can say what happened and what to do from the code alone,
 * and reads the `details` typed in TrineErrorDetails for the rest (e.g. how many nodes).
 * Narrow with `isTrineError(err, code)`, or switch on `(err as KnownTrineError).code`.
 *
 * @example
 * throw new TrineError({ code: 'not-enough-nodes', message: 'only 2 of 3 nodes answered' });
 */
export type TrineErrorCode =
  // input and formats
  /** A field of a request is malformed or out of range (details.field names it). */
  | 'invalid-input'
  /** Well-formed, but not the caller's to ask for (HTTP 403). */
  | 'forbidden'
  /** No such route on this server (HTTP 404). */
  | 'route-not-found'
  /** The body is not JSON (HTTP 415). */
  | 'unsupported-media-type'
  | 'too-large'
  | 'decrypt-failed'
  | 'bad-signature'
  | 'commitment-mismatch'
  // identity
  | 'token-rejected'
  /** The id token's lifetime is over: the nodes (or the provider) want a new login. */
  | 'token-expired'
  /** The wallet has no login to go on: none yet, a pending one expired, or the provider wants the user. */
  | 'sign-in-required'
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
  /** A dealing is sealed to an inbox key the node no longer (or never) held. */
  | 'inbox-unknown'
  /** A record's creation proof does not bind it to a login of its user. */
  | 'creation-unproven'
  // factors and wallet
  | 'factor-not-recognised'
  | 'wrong-password'
  | 'weak-password'
  | 'locked'
  | 'key-mismatch'
  // chains
  /** A chain's node refused a call or cannot be reached (details.chainId names the chain). */
  | 'chain-error'
  | 'internal';

/** The details a screen reads, per code; other codes carry free-form, non-secret details. */
export type TrineErrorDetails = {
  'invalid-input': { field?: string };
  'sign-in-required': {
    /** no-login: sign in first (or again); recovered: the wallet was recovered without the nodes; provider: a silent renewal was refused. */
    why: 'no-login' | 'recovered' | 'provider';
  };
  'weak-password': { problem: string };
  'not-enough-nodes': {
    needed: number;
    total?: number;
    /** Nodes that answered well (in agreement) or were not heard from. */
    usable?: number;
    failures?: readonly { node: number; reason: string; message?: string }[];
  };
  /** currentVersion: null when the record is gone. */
  'version-conflict': { currentVersion?: number | null };
};

/** The details of code C: typed where TrineErrorDetails says, else a free-form record. */
export type DetailsOf<C extends TrineErrorCode> = [C] extends [keyof TrineErrorDetails]
  ? TrineErrorDetails[C] & Record<string, unknown>
  : Record<string, unknown>;

export type TrineErrorParameters<C extends TrineErrorCode = TrineErrorCode> = {
  code: C;
  message: string;
  /** HTTP status a server answers with; defaults by code. */
  status?: number;
  /** Structured, non-secret details (e.g. which nodes failed and why). */
  details?: DetailsOf<C>;
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
  'sign-in-required': 401,
  forbidden: 403,
  'route-not-found': 404,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'user-unknown': 404,
  'record-not-found': 404,
  'already-registered': 409,
  'version-conflict': 409,
  'stale-epoch': 409,
  'inbox-unknown': 409,
  'creation-unproven': 403,
  'chain-error': 502,
};

export class TrineError<C extends TrineErrorCode = TrineErrorCode> extends Error {
  override readonly name = 'TrineError';
  readonly code: C;
  readonly status: number;
  readonly details: DetailsOf<C> | undefined;

  constructor({ code, message, status, details, cause }: TrineErrorParameters<C>) {
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

/** A TrineError whose type follows its code: `switch (err.code)` narrows `err.details`. */
export type KnownTrineError = { [C in TrineErrorCode]: TrineError<C> }[TrineErrorCode];

/** True for a TrineError, optionally of one code (then its details are typed). */
export function isTrineError<C extends TrineErrorCode = TrineErrorCode>(
  value: unknown,
  code?: C,
): value is TrineError<C> {
  return value instanceof TrineError && (code === undefined || value.code === code);
}

/** Shorthand for the commonest error: bad input, naming the field. */
export function invalidInput(field: string, problem: string): TrineError {
  return new TrineError({ code: 'invalid-input', message: `${field}: ${problem}`, details: { field } });
}
