/**
 * The recovery phrase, shown once: the 24 words, then a check that they were written down
 * by re-entering three words chosen at random. The phrase lives only in this component's
 * state and is gone when it unmounts.
 */
import { useMemo, useState } from 'preact/hooks';
import { TextField } from './TextField.tsx';

export function PhraseBackup({ phrase, onDone }: { phrase: string; onDone: () => void }) {
  const words = useMemo(() => phrase.trim().split(/\s+/), [phrase]);
  const [step, setStep] = useState<'show' | 'confirm'>('show');
  return step === 'show' ? (
    <ShowWords words={words} onNext={() => setStep('confirm')} />
  ) : (
    <ConfirmWords words={words} onBack={() => setStep('show')} onDone={onDone} />
  );
}

function ShowWords({ words, onNext }: { words: string[]; onNext: () => void }) {
  const [written, setWritten] = useState(false);
  return (
    <section class="stack" aria-labelledby="phrase-title">
      <h2 id="phrase-title">Your recovery phrase</h2>
      <p class="warning">
        Write these {words.length} words down, in order, and keep them offline. With your sign-in they rebuild
        your wallet on a new device. They are shown only now; anyone who has them and your account can take
        your funds.
      </p>
      <ol class="phrase" aria-label="Recovery phrase words">
        {words.map((word, i) => (
          <li key={`${i}-${word}`} data-word-index={i + 1}>
            <span class="muted">{i + 1}</span> <span class="phrase-word">{word}</span>
          </li>
        ))}
      </ol>
      <label class="check">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.currentTarget.checked)} />I
        have written the words down
      </label>
      <button type="button" class="button button-primary" disabled={!written} onClick={onNext}>
        Continue
      </button>
    </section>
  );
}

/** Three distinct positions (0-based, ascending), chosen with the platform's CSPRNG. */
function pickPositions(count: number, of: number): number[] {
  const chosen = new Set<number>();
  const random = new Uint32Array(1);
  while (chosen.size < Math.min(count, of)) {
    crypto.getRandomValues(random);
    chosen.add((random[0] ?? 0) % of);
  }
  return [...chosen].sort((a, b) => a - b);
}

function ConfirmWords(p: { words: string[]; onBack: () => void; onDone: () => void }) {
  const positions = useMemo(() => pickPositions(3, p.words.length), [p.words]);
  const [answers, setAnswers] = useState<string[]>(positions.map(() => ''));
  const [wrong, setWrong] = useState<number | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const miss = positions.findIndex((pos, i) => answers[i]?.trim().toLowerCase() !== p.words[pos]);
    if (miss === -1) p.onDone();
    else setWrong(positions[miss] ?? null);
  };
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="confirm-title">
      <h2 id="confirm-title">Check your copy</h2>
      <p class="muted">Type these words from the phrase you wrote down.</p>
      {positions.map((pos, i) => (
        <TextField
          key={pos}
          label={`Word #${pos + 1}`}
          name={`word-${pos + 1}`}
          value={answers[i] ?? ''}
          autoFocus={i === 0}
          onInput={(value) => setAnswers(answers.map((a, j) => (j === i ? value : a)))}
        />
      ))}
      {wrong !== null && (
        <p class="error-note" role="alert">
          Word #{wrong + 1} does not match. Look at your copy again, or go back to see the words.
        </p>
      )}
      <div class="actions">
        <button type="button" class="button button-secondary" onClick={p.onBack}>
          Show the words again
        </button>
        <button type="submit" class="button button-primary">
          Confirm
        </button>
      </div>
    </form>
  );
}
