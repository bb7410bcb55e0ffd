/**
 * End-to-end tests: Debian Chromium with the unpacked extension (dist-e2e/chrome, built by
 * global-setup.ts), one worker (the machine has two cores and the local stack takes ports).
 * The suite's network, ports and build are its own (test/e2e/e2eStack.ts), so it runs
 * beside `npm start`. The browser is launched by the fixtures in test/e2e/fixtures.ts,
 * since extensions need a persistent profile.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]] : 'list',
  use: { trace: 'retain-on-failure' },
});
