/** One account: name, address, "in use" or a Use button, and an inline rename form. */
import { useId, useState } from 'preact/hooks';
import type { AccountView } from '../../../../src/messages/wallet.ts';

export function AccountRow(p: {
  account: AccountView;
  busy: boolean;
  onSelect: () => void;
  /** Resolves true when the new name was kept. */
  onRename: (name: string) => Promise<boolean>;
}) {
  const { account } = p;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(account.name);
  const id = useId();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await p.onRename(name)) setRenaming(false);
  };
  return (
    <li class="list-item account-item" data-account-index={account.index}>
      {renaming ? (
        <form class="stack account-rename" onSubmit={submit}>
          <label for={id}>New name for {account.name}</label>
          <input
            id={id}
            value={name}
            maxLength={40}
            autofocus
            onInput={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setRenaming(false);
              }
            }}
          />
          <div class="row">
            <button type="submit" class="button button-small" disabled={p.busy}>
              Save
            </button>
            <button
              type="button"
              class="button button-secondary button-small"
              onClick={() => setRenaming(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <div class="account-text">
            <strong>{account.name}</strong>
            {account.selected && <span class="badge badge-ok">in use</span>}
            <div class="muted small mono account-address">{account.address}</div>
          </div>
          <div class="row">
            {!account.selected && (
              <button
                type="button"
                class="button button-small"
                disabled={p.busy}
                aria-label={`Use ${account.name}`}
                onClick={p.onSelect}
              >
                Use
              </button>
            )}
            <button
              type="button"
              class="button button-secondary button-small"
              disabled={p.busy}
              aria-label={`Rename ${account.name}`}
              onClick={() => {
                setName(account.name);
                setRenaming(true);
              }}
            >
              Rename
            </button>
          </div>
        </>
      )}
    </li>
  );
}
