import '../../shared/ui/theme.css';
import { mount } from '../../shared/ui/mount.tsx';
import { PageShell } from '../../shared/ui/PageShell.tsx';

/** The window in which a site's requests are approved or rejected. */
function Approval() {
  return (
    <PageShell title="Approve request">
      <p class="muted">No requests are waiting.</p>
    </PageShell>
  );
}

mount(<Approval />);
