/**
 * What a screen says when a wallet call fails: one sentence of what happened and what to
 * do, chosen by the `TrineError` code alone (one meaning per code), with the numbers and
 * reasons from its typed details, never parsed out of its message. `signInAgain` asks the
 * screen to offer a sign-in; `networkDown` to offer the recovery with two factors, which
 * needs no node.
 */
import { isTrineError, type KnownTrineError } from '../../../src/errors/index.ts';

export type ErrorAdvice = { text: string; signInAgain: boolean; networkDown?: true };

export function errorText(thrown: unknown): ErrorAdvice {
  if (!isTrineError(thrown)) return browserErrorText(thrown);
  const error = thrown as KnownTrineError;
  const say = (text: string, signInAgain = false): ErrorAdvice => ({ text, signInAgain });
  const networkDown = (text: string): ErrorAdvice => ({ text, signInAgain: false, networkDown: true });
  switch (error.code) {
    case 'not-enough-nodes':
      return networkDown(
        `Too few key-holding nodes answered: ${nodesAnswered(error.details) ?? error.message}. Try again in a moment, or recover with two factors.`,
      );
    case 'network-unreachable':
      return networkDown(
        'The wallet network cannot be reached. Check your connection and try again, or recover with two factors.',
      );
    case 'record-not-found':
      return say(
        'No wallet holds this factor: it was never added to a wallet, or it has been removed. Use another factor.',
      );
    case 'node-error':
      return say(`A key-holding node failed (${error.message}). Try again in a moment.`);
    case 'wrong-password':
      return say('That password is not right. Check it and try again.');
    case 'weak-password': {
      const problem = error.details?.problem;
      return say(
        `This password is too weak${problem === undefined ? '' : `: ${problem}`}. The operator of the metadata server holds what a password unlocks and could try guesses offline, so it must be hard to guess.`,
      );
    }
    case 'factor-not-recognised':
      return say(
        'This factor does not open this wallet: it was never added here, or it has been removed. Use another factor.',
      );
    case 'version-conflict':
    case 'stale-epoch':
      return say('The wallet was changed from another device at the same moment. Try again.');
    case 'token-expired':
      return say('Your sign-in has expired. Sign in again.', true);
    case 'sign-in-required':
      switch (error.details?.why) {
        case 'recovered':
          return say('Recovered without the network: sign in to manage factors.', true);
        case 'provider':
          return say('Your sign-in provider asks you to sign in again before this change.', true);
        default:
          return say('Sign in first (a sign-in is good for 5 minutes).', true);
      }
    case 'token-rejected':
      return say(`The sign-in did not complete (${error.message}). Sign in again.`, true);
    case 'locked':
      return say('The wallet is locked. Unlock it first.', true);
    case 'user-unknown':
      return say('There is no wallet for this account yet. Sign in again to create one.', true);
    case 'already-registered':
      return say(
        'A wallet for this account was just created on another device. Sign in again to use it.',
        true,
      );
    case 'rate-limited':
      return say('Too many attempts. Wait a minute and try again.');
    case 'key-mismatch':
    case 'commitment-mismatch':
    case 'bad-signature':
      return say(
        `The wallet data did not check out (${error.message}). Nothing was changed; try again later.`,
      );
    case 'chain-error':
      return say(
        `The network's node failed: ${error.message}. Nothing was sent; try again, or pick another network.`,
      );
    case 'invalid-input':
      return say(`That input was not accepted: ${error.message}.`);
    case 'forbidden':
    case 'route-not-found':
    case 'unsupported-media-type':
      return say(
        `A wallet server refused the request (${error.message}). Nothing was changed; update the extension or try again later.`,
      );
    default:
      return say(`Something went wrong (${error.code}): ${error.message}`);
  }
}

/** Errors of the browser itself (WebAuthn) or of code that is not Trine's. */
function browserErrorText(error: unknown): ErrorAdvice {
  if (error instanceof Error && error.name === 'PrfUnsupportedError')
    return { text: `Passkeys cannot hold this wallet here: ${error.message}.`, signInAgain: false };
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError'))
    return { text: 'The passkey request was cancelled or timed out. Try again.', signInAgain: false };
  const message = error instanceof Error ? error.message : String(error);
  return { text: `Something went wrong: ${message}`, signInAgain: false };
}

type DetailsOfCode<C extends KnownTrineError['code']> = Extract<KnownTrineError, { code: C }>['details'];

/** "only 2 of 5 nodes could be used, 3 are needed", when the background gives the numbers. */
function nodesAnswered(details: DetailsOfCode<'not-enough-nodes'>): string | undefined {
  if (details?.usable === undefined || details.total === undefined) return undefined;
  return `only ${details.usable} of ${details.total} nodes could be used, ${details.needed} are needed`;
}
