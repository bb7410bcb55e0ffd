import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { WalletProgressEvent } from '../../../src/messages/wallet.ts';

function isProgress(message: unknown): message is WalletProgressEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'wallet-progress' &&
    typeof (message as { text?: unknown }).text === 'string'
  );
}

/**
 * The latest progress broadcast of the background while `active` (a long step is running);
 * null otherwise. Other runtime messages (calls between other pages) are left alone.
 */
export function useProgress(active: boolean): WalletProgressEvent | null {
  const [progress, setProgress] = useState<WalletProgressEvent | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    const listener = (message: unknown) => {
      if (isProgress(message)) setProgress(message);
      // Never answer: returning nothing lets the background be the only responder.
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [active]);
  return progress;
}
