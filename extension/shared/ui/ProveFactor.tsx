/**
 * Prove one factor: pick its type, then type the phrase / password / key, or run the
 * passkey (the caller decides how: in a tab it runs the ceremony, the popup opens a tab).
 */
import { useState } from 'preact/hooks';
import type { FactorProofInput, FactorView } from '../../../src/messages/wallet.ts';
import { factorNames } from './format.ts';
import { TextField } from './TextField.tsx';

type FactorType = FactorView['type'];

export type ProveFactorProps = {
  /** The types the wallet has (all when unknown). */
  types: readonly FactorType[];
  submitLabel: string;
  busy: boolean;
  onProof: (proof: FactorProofInput) => void;
  onPasskey: () => void;
};

const order: FactorType[] = ['passkey', 'device', 'phrase', 'password', 'imported'];

export function ProveFactor(p: ProveFactorProps) {
  const offered = order.filter((type) => p.types.includes(type));
  const [type, setType] = useState<FactorType>(offered[0] ?? 'phrase');
  const [secret, setSecret] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (p.busy) return;
    if (type === 'passkey') return p.onPasskey();
    const proof = proofOf(type, secret);
    if (proof !== null) p.onProof(proof);
  };
  return (
    <form class="stack" onSubmit={submit}>
      <fieldset class="choices">
        <legend>Use</legend>
        {offered.map((option) => (
          <label key={option} class="choice">
            <input
              type="radio"
              name="factor-type"
              value={option}
              checked={type === option}
              onChange={() => {
                setType(option);
                setSecret('');
              }}
            />
            {factorNames[option]}
          </label>
        ))}
      </fieldset>
      <SecretField type={type} value={secret} onInput={setSecret} />
      <button type="submit" class="button button-primary" disabled={p.busy || !ready(type, secret)}>
        {type === 'passkey' ? `${p.submitLabel} with a passkey` : p.submitLabel}
      </button>
    </form>
  );
}

function SecretField({
  type,
  value,
  onInput,
}: {
  type: FactorType;
  value: string;
  onInput: (v: string) => void;
}) {
  switch (type) {
    case 'phrase':
      return (
        <TextField
          label="Recovery phrase"
          multiline
          value={value}
          onInput={onInput}
          hint="24 words, separated by spaces"
        />
      );
    case 'password':
      return (
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={value}
          onInput={onInput}
        />
      );
    case 'imported':
      return (
        <TextField label="Imported key (64 hex digits)" type="password" value={value} onInput={onInput} />
      );
    case 'device':
      return <p class="muted">The device key kept in this browser is used; nothing to type.</p>;
    case 'passkey':
      return (
        <p class="muted">Your browser will ask for the passkey (fingerprint, face, PIN or security key).</p>
      );
  }
}

function ready(type: FactorType, secret: string): boolean {
  return type === 'device' || type === 'passkey' || secret.trim() !== '';
}

function proofOf(type: FactorType, secret: string): FactorProofInput | null {
  switch (type) {
    case 'phrase':
      return { type, phrase: secret.trim().toLowerCase().split(/\s+/).join(' ') };
    case 'password':
      return { type, password: secret };
    case 'imported':
      return { type, key: secret.trim().toLowerCase().replace(/^0x/, '') };
    case 'device':
      return { type };
    case 'passkey':
      return null;
  }
}
