import type { ComponentChildren } from 'preact';
import { Brand } from './Logo.tsx';

/** Frame of a full-tab extension page: the brand, a title, the content. */
export function PageShell({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="page">
      <Brand />
      <h1>{title}</h1>
      {children}
    </main>
  );
}
