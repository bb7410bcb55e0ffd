import { useState } from 'preact/hooks';
import { TextField } from './TextField.tsx';

/**
 * A new password, typed twice, with the warning that belongs to it: the metadata server's
 * operator holds what the password unlocks and can try guesses offline. The strength floor
 * is checked by the background (a `weak-password` error says which rule failed).
 */
export function PasswordFields({
  submitLabel,
  onSubmit,
  autoFocus = false,
  busy = false,
}: {
  submitLabel: string;
  onSubmit: (password: string) => void;
  autoFocus?: boolean;
  busy?: boolean;
}) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (password !== again) return setMismatch(true);
    setMismatch(false);
    onSubmit(password);
  };
  return (
    <form class="stack" onSubmit={submit}>
      <p class="warning" role="note">
        A password can be guessed offline by whoever runs the metadata server, which keeps the encrypted share
        it opens. Use a long, unique passphrase (at least 12 characters; 16 or more is better).
      </p>
      <TextField
        label="New password"
        autoFocus={autoFocus}
        type="password"
        autoComplete="new-password"
        value={password}
        onInput={setPassword}
      />
      <TextField
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        value={again}
        onInput={setAgain}
      />
      {mismatch && (
        <p class="error-note" role="alert">
          The two passwords differ. Type the same password twice.
        </p>
      )}
      <button type="submit" class="button button-primary" disabled={busy || password === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
