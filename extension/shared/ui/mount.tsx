import { type ComponentChild, render } from 'preact';

/** Render a page's root component into its `#app` element. */
export function mount(root: ComponentChild): void {
  const element = document.getElementById('app');
  if (element === null) throw new Error('the page has no #app element');
  render(root, element);
}
