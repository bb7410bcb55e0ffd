import { useId } from 'preact/hooks';

export type TextFieldProps = {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password';
  hint?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  name?: string;
  multiline?: boolean;
};

/** A labelled input (or textarea) with an optional hint tied to it for screen readers. */
export function TextField(p: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const common = {
    id,
    name: p.name,
    value: p.value,
    autoFocus: p.autoFocus,
    autoComplete: p.autoComplete ?? 'off',
    spellcheck: false,
    'aria-describedby': p.hint === undefined ? undefined : hintId,
    onInput: (event: Event) => p.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.multiline ? <textarea rows={3} {...common} /> : <input type={p.type ?? 'text'} {...common} />}
      {p.hint !== undefined && (
        <small id={hintId} class="muted">
          {p.hint}
        </small>
      )}
    </div>
  );
}
