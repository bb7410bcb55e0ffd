/**
 * The full-tab sign-in: a popup would close when the provider's page or the passkey prompt
 * takes focus. New account: sign in → create the wallet with a passkey (or a device key or
 * password when passkeys cannot hold keys here) → back up the recovery phrase → ready.
 * Existing wallet: sign in → prove a factor → offer to enrol this device → ready.
 * Nodes down (or no sign-in at hand): recover with two factors → ready, marked as recovered
 * without the network. The popup opens this page at `#recover` for it, and at `#sign-in`
 * to sign a recovered wallet in.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FactorProofInput, WalletState } from '../../../src/messages/wallet.ts';
import { callWallet } from '../../shared/ui/callWallet.ts';
import { ErrorNote } from '../../shared/ui/ErrorNote.tsx';
import { errorText } from '../../shared/ui/errorText.ts';
import { PageShell } from '../../shared/ui/PageShell.tsx';
import { PhraseBackup } from '../../shared/ui/PhraseBackup.tsx';
import { Steps } from '../../shared/ui/Steps.tsx';
import { CreateWallet } from './steps/CreateWallet.tsx';
import { EnrolDevice } from './steps/EnrolDevice.tsx';
import { Fallback } from './steps/Fallback.tsx';
import { Ready } from './steps/Ready.tsx';
import { Recover } from './steps/Recover.tsx';
import { SignIn } from './steps/SignIn.tsx';
import { Unlock } from './steps/Unlock.tsx';

type Screen =
  | { name: 'loading' }
  | { name: 'failed'; text: string }
  | { name: 'sign-in' }
  | { name: 'create'; email: string | null }
  | { name: 'fallback'; email: string | null; reason: string | null }
  | { name: 'backup'; phrase: string }
  | { name: 'unlock'; state: Extract<WalletState, { state: 'needs-factor' }> }
  | { name: 'enrol-device'; email: string | null }
  | { name: 'recover' }
  | { name: 'ready'; address: string; network: boolean };

const newSteps = ['Sign in', 'Create your wallet', 'Back up your recovery phrase', 'Ready'];
const existingSteps = ['Sign in', 'Unlock your wallet', 'Enrol this device', 'Ready'];
const recoverSteps = ['Two factors', 'Ready'];

export function Onboarding() {
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const show = (state: WalletState) => setScreen(screenFor(state));
  useEffect(() => {
    callWallet({ type: 'wallet-status' }).then(
      (state) => setScreen(firstScreen(state, window.location.hash)),
      (error: unknown) => setScreen({ name: 'failed', text: errorText(error).text }),
    );
  }, []);
  const recover = () => setScreen({ name: 'recover' });
  const afterUnlock = (proof: FactorProofInput['type'], state: WalletState) =>
    state.state === 'unlocked' && proof !== 'device' && proof !== 'passkey'
      ? setScreen({ name: 'enrol-device', email: state.email })
      : show(state);
  const toReady = () =>
    callWallet({ type: 'wallet-status' }).then(show, (error: unknown) =>
      setScreen({ name: 'failed', text: errorText(error).text }),
    );

  const [title, steps, current] = heading(screen);
  return (
    <PageShell title={title}>
      {steps !== null && <Steps steps={steps} current={current} />}
      {(() => {
        switch (screen.name) {
          case 'loading':
            return (
              <p class="muted" role="status">
                Asking the wallet…
              </p>
            );
          case 'failed':
            return <ErrorNote advice={{ text: screen.text, signInAgain: false }} />;
          case 'sign-in':
            return <SignIn onState={show} onRecover={recover} />;
          case 'create':
            return (
              <CreateWallet
                email={screen.email}
                onPhrase={(phrase) => setScreen({ name: 'backup', phrase })}
                onFallback={(reason) => setScreen({ name: 'fallback', email: screen.email, reason })}
              />
            );
          case 'fallback':
            return (
              <Fallback reason={screen.reason} onPhrase={(phrase) => setScreen({ name: 'backup', phrase })} />
            );
          case 'backup':
            return <PhraseBackup phrase={screen.phrase} onDone={toReady} />;
          case 'unlock':
            return (
              <Unlock
                state={screen.state}
                onUnlocked={afterUnlock}
                onSignIn={() => setScreen({ name: 'sign-in' })}
              />
            );
          case 'enrol-device':
            return <EnrolDevice email={screen.email} onDone={toReady} />;
          case 'recover':
            return <Recover onState={show} onSignIn={() => setScreen({ name: 'sign-in' })} />;
          case 'ready':
            return <Ready address={screen.address} network={screen.network} />;
        }
      })()}
    </PageShell>
  );
}

function screenFor(state: WalletState): Screen {
  switch (state.state) {
    case 'signed-out':
      return { name: 'sign-in' };
    case 'needs-registration':
      return { name: 'create', email: state.email };
    case 'needs-factor':
      return { name: 'unlock', state };
    case 'unlocked':
      return { name: 'ready', address: state.address, network: state.network };
  }
}

/** Where the page opens: as the state says, unless the popup asked to recover or to sign in. */
function firstScreen(state: WalletState, hash: string): Screen {
  if (hash === '#recover' && (state.state === 'signed-out' || state.state === 'needs-factor'))
    return { name: 'recover' };
  if (hash === '#sign-in' && state.state === 'unlocked' && !state.network) return { name: 'sign-in' };
  return screenFor(state);
}

function heading(screen: Screen): [string, readonly string[] | null, number] {
  switch (screen.name) {
    case 'loading':
    case 'failed':
      return ['Welcome to Trine', null, 0];
    case 'sign-in':
      return ['Welcome to Trine', null, 0];
    case 'create':
      return ['Create your wallet', newSteps, 1];
    case 'fallback':
      return ['Create your wallet', newSteps, 1];
    case 'backup':
      return ['Back up your recovery phrase', newSteps, 2];
    case 'unlock':
      return ['Unlock your wallet', existingSteps, 1];
    case 'enrol-device':
      return ['Enrol this device', existingSteps, 2];
    case 'recover':
      return ['Recover with two factors', recoverSteps, 0];
    case 'ready':
      return screen.network
        ? ['Your wallet is ready', null, 3]
        : ['Your wallet is recovered', recoverSteps, 1];
  }
}
