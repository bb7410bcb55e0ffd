import { useState } from 'preact/hooks';
import type { WalletProgressEvent } from '../../../src/messages/wallet.ts';
import { type ErrorAdvice, errorText } from './errorText.ts';
import { useProgress } from './useProgress.ts';

export type Task = {
  busy: boolean;
  error: ErrorAdvice | null;
  progress: WalletProgressEvent | null;
  /** Run one step: busy while it runs, its failure turned into advice; resolves to its value or undefined. */
  run<T>(step: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
};

/** The busy / failed / progress state every screen with a wallet call needs. */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorAdvice | null>(null);
  const progress = useProgress(busy);
  return {
    busy,
    error,
    progress,
    clearError: () => setError(null),
    async run(step) {
      setBusy(true);
      setError(null);
      try {
        return await step();
      } catch (failure) {
        setError(errorText(failure));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}
