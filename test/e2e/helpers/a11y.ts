/**
 * An accessibility scan of a page as it is now: axe-core's WCAG 2.1 A and AA rules
 * (contrast included, so a scan in each colour scheme). `screenshot()` runs it for every
 * screen it saves, light and dark, so each screen a test shows is also a scanned screen.
 *
 * @example
 * expect(await accessibilityViolations(page)).toEqual([]);
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per rule broken: the rule, its impact, what it asks, and up to three elements. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((violation) => {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(' '))
      .join(', ');
    return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${where}`;
  });
}
