import type { ErrorAdvice } from './errorText.ts';

export type ErrorNoteProps = {
  advice: ErrorAdvice | null;
  onSignIn?: () => void;
  /** Offered when the nodes cannot be reached: two factors need none. */
  onRecover?: () => void;
};

/** A failed step: what happened and what to do, announced to screen readers. */
export function ErrorNote({ advice, onSignIn, onRecover }: ErrorNoteProps) {
  if (advice === null) return null;
  return (
    <div class="error-note" role="alert">
      <p>{advice.text}</p>
      {advice.signInAgain && onSignIn !== undefined && (
        <button type="button" class="button button-secondary" onClick={onSignIn}>
          Sign in again
        </button>
      )}
      {advice.networkDown && onRecover !== undefined && (
        <button type="button" class="button button-secondary" onClick={onRecover}>
          Recover with two factors
        </button>
      )}
    </div>
  );
}
