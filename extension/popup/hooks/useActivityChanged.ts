import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';

/**
 * Calls `onChange` whenever the background says the activity changed (a send recorded, a
 * receipt settled it): balances may have moved. Other runtime messages are left alone.
 */
export function useActivityChanged(onChange: () => void): void {
  useEffect(() => {
    const listener = (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'wallet-activity-changed') onChange();
      // Never answer: the background stays the only responder.
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [onChange]);
}
