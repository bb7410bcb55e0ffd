import type { ErrorAdvice } from './errorText.ts';

/** A failed step: what happened and what to do, announced to screen readers. */
export function ErrorNote({ advice, onSignIn }: { advice: ErrorAdvice | null; onSignIn?: () => void }) {
  if (advice === null) return null;
  return (
    <div class="error-note" role="alert">
      <p>{advice.text}</p>
      {advice.signInAgain && onSignIn !== undefined && (
        <button type="button" class="button button-secondary" onClick={onSignIn}>
          Sign in again
        </button>
      )}
    </div>
  );
}
