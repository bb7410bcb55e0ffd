/**
 * The popup (360×600): what it shows follows the wallet's state. Signed out → welcome;
 * signed in on a new device → unlock with a factor; unlocked → the wallet's sections.
 */
import { Wallet } from './components/Wallet.tsx';
import { useWalletState } from './hooks/useWalletState.ts';
import { Unlock } from './pages/unlock/Unlock.tsx';
import { Welcome } from './pages/welcome/Welcome.tsx';

export function App() {
  const wallet = useWalletState();
  const { view } = wallet;
  switch (view.state) {
    case 'loading':
      return <div class="popup" aria-busy="true" />;
    case 'unavailable':
    case 'signed-out':
      return <Welcome registering={false} />;
    case 'needs-registration':
      return <Welcome registering={true} />;
    case 'needs-factor':
      return <Unlock state={view} onState={wallet.set} />;
    case 'unlocked':
      return <Wallet state={view} onState={wallet.set} onRefresh={wallet.refresh} />;
  }
}
