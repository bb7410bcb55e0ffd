import { useState } from 'preact/hooks';

/** The full address, selectable, with a copy button that says when it copied. */
export function CopyAddress({ address }: { address: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(address).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div class="address">
      <code class="address-text" data-testid="address">
        {address}
      </code>
      <button
        type="button"
        class="button button-secondary button-small"
        onClick={copy}
        aria-label="Copy address"
      >
        Copy
      </button>
      <span class="sr-status" role="status" aria-live="polite">
        {copied === 'yes'
          ? 'Address copied'
          : copied === 'failed'
            ? 'Could not copy; select the address instead'
            : ''}
      </span>
    </div>
  );
}
