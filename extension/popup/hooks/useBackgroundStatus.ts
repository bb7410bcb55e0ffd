import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '../../../src/messages/client.ts';

export type BackgroundStatus =
  | { state: 'checking' }
  | { state: 'ready'; version: string }
  | { state: 'unreachable'; message: string };

/** Ask the background once whether it is up (`ping`), for the status line. */
export function useBackgroundStatus(): BackgroundStatus {
  const [status, setStatus] = useState<BackgroundStatus>({ state: 'checking' });
  useEffect(() => {
    callBackground({ type: 'ping' }).then(
      ({ version }) => setStatus({ state: 'ready', version }),
      (error: unknown) => setStatus({ state: 'unreachable', message: (error as Error).message }),
    );
  }, []);
  return status;
}
