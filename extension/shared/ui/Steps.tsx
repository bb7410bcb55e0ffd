/** Where the user is in a multi-step flow: a list with the current step marked. */
export function Steps({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <ol class="steps" aria-label="Steps">
      {steps.map((step, i) => (
        <li
          key={step}
          class={i < current ? 'step-done' : i === current ? 'step-current' : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          {step}
        </li>
      ))}
    </ol>
  );
}
