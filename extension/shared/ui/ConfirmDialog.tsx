import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export type ConfirmDialogProps = {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  children: ComponentChildren;
};

/**
 * A modal question. The native `<dialog>` keeps focus inside, Escape cancels, and the
 * safe choice (Cancel) has the focus first.
 */
export function ConfirmDialog(p: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    cancel.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        p.onCancel();
      }}
    >
      <h2 id="dialog-title">{p.title}</h2>
      <div class="dialog-body">{p.children}</div>
      <div class="actions">
        <button type="button" class="button button-secondary" ref={cancel} onClick={p.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class={`button ${p.danger ? 'button-danger' : 'button-primary'}`}
          onClick={p.onConfirm}
        >
          {p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
