import '../../shared/ui/theme.css';
import { mount } from '../../shared/ui/mount.tsx';
import { PageShell } from '../../shared/ui/PageShell.tsx';

/** The steps of a first sign-in; issue 7 turns each into a screen. */
const steps = [
  'Sign in with your account',
  'Create your wallet',
  'Add a passkey',
  'Back up your recovery phrase',
];

function Onboarding() {
  return (
    <PageShell title="Welcome to Trine">
      <p class="muted">
        Your key is split: one part is held by independent servers that release it only to your sign-in, the
        others by factors you keep, such as a passkey or a recovery phrase.
      </p>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </PageShell>
  );
}

mount(<Onboarding />);
