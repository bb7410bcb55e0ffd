/**
 * Runs one step of `npm test` and turns its outcome into counts. Test runners report
 * through their JSON reporters; a check (tsc, biome, build, web-ext lint) counts as one
 * test. A runner that crashes before writing its report counts as one failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string,
 *   failures?: string[] }} StepResult
 * `failures` names each failed test and the first line of its error, so the summary at the end
 * of the output (often all that a CI log keeps) says what failed.
 */

const firstLine = (text) =>
  String(text ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 240) ?? '';

export function run(root, command, args, options = {}) {
  console.info(`\n[test] $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

export const bin = (root, name) => join(root, 'node_modules', '.bin', name);

/** A pass/fail check: one test. */
export function check(root, name, command, args) {
  const { status } = run(root, command, args);
  return { name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 };
}

/** One vitest project, counted from its JSON report. */
export function vitest(root, project) {
  const report = join(root, 'test-results', `vitest-${project}.json`);
  rmSync(report, { force: true });
  const { status } = run(root, bin(root, 'vitest'), [
    'run',
    '--project',
    project,
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const name = `vitest ${project}`;
  if (!existsSync(report))
    return { name, passed: 0, failed: 1, skipped: 0, note: 'no report (vitest crashed)' };
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const failed = r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0);
  const failures = [];
  for (const file of r.testResults ?? []) {
    const path = file.name?.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests) failures.push(`${path} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === 'failed' && tests.length === 0) failures.push(`${path}: ${firstLine(file.message)}`);
  }
  return {
    name,
    passed: r.numPassedTests,
    failed,
    skipped: r.numPendingTests + r.numTodoTests,
    failures,
    ...(failed > r.numFailedTests ? { note: 'a suite failed outside its tests (see above)' } : {}),
  };
}

/** `web-ext lint` on dist/firefox: passes with 0 errors; warnings are listed, not counted. */
export function webExtLint(root) {
  const { stdout } = run(
    root,
    bin(root, 'web-ext'),
    ['lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'],
    { capture: true },
  );
  let report;
  try {
    report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  } catch {
    return { name: 'web-ext lint', passed: 0, failed: 1, skipped: 0, note: 'unreadable output' };
  }
  for (const m of [...report.errors, ...report.warnings]) {
    console.info(`  ${m._type}: ${m.code} ${m.file ?? ''} ${m.message}`);
  }
  const { errors, warnings } = report.summary;
  console.info(`  web-ext lint: ${errors} errors, ${warnings} warnings, ${report.summary.notices} notices`);
  return {
    name: 'web-ext lint',
    passed: errors === 0 ? 1 : 0,
    failed: errors === 0 ? 0 : 1,
    skipped: 0,
    note: `${errors} errors, ${warnings} warnings`,
  };
}

/** Playwright end-to-end tests (one worker), counted from the JSON reporter. */
export function playwright(root) {
  const report = join(root, 'test-results', 'e2e.json');
  rmSync(report, { force: true });
  const { status } = run(root, bin(root, 'playwright'), ['test', '--workers=1', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  if (!existsSync(report))
    return { name: 'playwright e2e', passed: 0, failed: 1, skipped: 0, note: 'no report' };
  const { stats, errors = [], suites = [] } = JSON.parse(readFileSync(report, 'utf8'));
  const extra = status !== 0 && stats.unexpected === 0 ? 1 : 0; // e.g. global setup failed
  const failures = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected') {
          const error = test.results?.at(-1)?.error?.message;
          failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
        }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  return {
    name: 'playwright e2e',
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + extra,
    skipped: stats.skipped,
    failures,
    ...(extra ? { note: errors[0]?.message?.split('\n')[0] ?? 'playwright failed outside its tests' } : {}),
  };
}
