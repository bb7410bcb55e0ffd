import '../../shared/ui/theme.css';
import { mount } from '../../shared/ui/mount.tsx';
import { PageShell } from '../../shared/ui/PageShell.tsx';

/** Passkey creation and use need a full tab: a popup closes when the authenticator takes focus. */
function Passkey() {
  return (
    <PageShell title="Passkey">
      <p class="muted">Passkey set-up opens here when you add a passkey from the wallet.</p>
    </PageShell>
  );
}

mount(<Passkey />);
