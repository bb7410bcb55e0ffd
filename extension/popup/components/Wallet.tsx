import { useCallback, useState } from 'preact/hooks';
import type { WalletState } from '../../../src/messages/wallet.ts';
import { callWallet } from '../../shared/ui/callWallet.ts';
import { Brand } from '../../shared/ui/Logo.tsx';
import { useEscape } from '../../shared/ui/useEscape.ts';
import { openTab } from '../openTab.ts';
import { Accounts } from '../pages/accounts/Accounts.tsx';
import { Activity } from '../pages/activity/Activity.tsx';
import { Factors } from '../pages/factors/Factors.tsx';
import { Home } from '../pages/home/Home.tsx';
import { Receive } from '../pages/receive/Receive.tsx';
import { Send } from '../pages/send/Send.tsx';
import { Settings } from '../pages/settings/Settings.tsx';
import { Sites } from '../pages/sites/Sites.tsx';

type Section = 'home' | 'activity' | 'factors' | 'sites' | 'settings' | 'accounts' | 'receive' | 'send';
/** The section bar; Accounts, Send and Receive are reached from Home. */
const sections: { id: Section; label: string }[] = [
  { id: 'home', label: 'Home' },
  { id: 'activity', label: 'Activity' },
  { id: 'factors', label: 'Factors' },
  { id: 'sites', label: 'Sites' },
  { id: 'settings', label: 'Settings' },
];

export type WalletProps = {
  state: Extract<WalletState, { state: 'unlocked' }>;
  onState: (state: WalletState) => void;
  onRefresh: () => void;
};

/** The unlocked wallet: a header with the lock, one section at a time, the section bar. */
export function Wallet({ state, onState, onRefresh }: WalletProps) {
  const [section, setSection] = useState<Section>('home');
  // Escape leaves a section for home (forms inside a section close themselves first).
  useEscape(useCallback(() => setSection('home'), []));
  const lock = async () => onState(await callWallet({ type: 'wallet-lock' }));
  return (
    <div class="popup">
      <header class="popup-header">
        <Brand size={28} />
        <span class="muted header-email" title={state.email ?? undefined}>
          {state.email ?? ''}
        </span>
        <button type="button" class="button button-secondary button-small" onClick={lock}>
          Lock
        </button>
      </header>
      <main class="popup-main" aria-live="polite">
        {!state.network && <RecoveredNote />}
        {section === 'home' && (
          <Home
            address={state.address}
            accountName={state.account.name}
            onAccounts={() => setSection('accounts')}
            onReceive={() => setSection('receive')}
            onSend={() => setSection('send')}
          />
        )}
        {section === 'accounts' && <Accounts onChanged={onRefresh} onBack={() => setSection('home')} />}
        {section === 'receive' && (
          <Receive
            address={state.address}
            accountName={state.account.name}
            onBack={() => setSection('home')}
          />
        )}
        {section === 'send' && <Send onBack={() => setSection('home')} />}
        {section === 'activity' && <Activity />}
        {section === 'factors' && <Factors onLocked={onRefresh} network={state.network} />}
        {section === 'sites' && <Sites />}
        {section === 'settings' && <Settings state={state} onState={onState} onLocked={onRefresh} />}
      </main>
      <nav class="popup-nav" aria-label="Wallet sections">
        {sections.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            class="nav-button"
            aria-current={section === id ? 'page' : undefined}
            onClick={() => setSection(id)}
          >
            {label}
          </button>
        ))}
      </nav>
    </div>
  );
}

/** Rebuilt from two factors without the nodes: it signs, but factors need a sign-in. */
function RecoveredNote() {
  return (
    <div class="warning recovered-note" role="note">
      <p>Recovered without the network: sign in to manage factors.</p>
      <button
        type="button"
        class="button button-secondary button-small"
        onClick={() => openTab('pages/onboarding.html#sign-in')}
      >
        Sign in
      </button>
    </div>
  );
}
