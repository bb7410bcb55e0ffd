/**
 * The one entry point a user interface calls after an OpenID login:
 * - a known user → `login` with the factor the user proves;
 * - an unknown user → `register` with the factors being enrolled;
 * - a registration that lost a race, or that an earlier crash left with a record but no
 *   installed dealing → the winner's dealing is relayed, then `login` with the proof.
 */
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { Login, WalletBackend } from '../backend.ts';
import type { FactorEnrolment, FactorProof } from '../factors.ts';
import type { Progress } from '../progress.ts';
import type { WalletSession } from '../session.ts';
import { type LoginResult, login } from './login.ts';
import { register } from './register.ts';

export type SignInParameters = {
  backend: WalletBackend;
  login: Login;
  /** A factor of the existing wallet, if the user has one at hand. */
  proof?: FactorProof;
  /** Factors to enrol if this identity has no wallet yet. */
  enrol?: () => Promise<FactorEnrolment[]> | FactorEnrolment[];
  onProgress?: ((p: Progress) => void) | undefined;
};

export type SignInResult =
  | { kind: 'existing'; result: LoginResult }
  | { kind: 'registered'; session: WalletSession };

export async function signIn(params: SignInParameters): Promise<SignInResult> {
  const { backend, proof, enrol, onProgress } = params;
  try {
    if (!proof) {
      // No factor at hand: only registration can proceed; find out whether the user is new.
      await backend.fetchNetworkShare(params.login, onProgress);
      throw new TrineError({
        code: 'factor-not-recognised',
        message: 'this account already has a wallet: use one of its factors',
        status: 401,
      });
    }
    return { kind: 'existing', result: await login({ backend, login: params.login, proof, onProgress }) };
  } catch (err) {
    if (!isTrineError(err, 'user-unknown') || !enrol) throw err;
    try {
      const session = await register({
        backend,
        login: params.login,
        factors: await enrol(),
        onProgress,
      });
      return { kind: 'registered', session };
    } catch (lost) {
      if (!isTrineError(lost, 'already-registered') || !proof) throw lost;
      // The existing wallet's dealing was relayed to the nodes: sign in to it.
      return { kind: 'existing', result: await login({ backend, login: params.login, proof, onProgress }) };
    }
  }
}
