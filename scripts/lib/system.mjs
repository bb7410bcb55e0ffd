/**
 * System prerequisites of `npm test`: Debian Chromium (and Firefox ESR) from apt when
 * missing and we are root, and a reachable PostgreSQL. Each says clearly what is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes sure `binary` exists, installing Debian `pkg` with apt-get when we are root.
 * Returns undefined when present, else the problem to report.
 */
export function ensureAptBinary(binary, pkg) {
  if (existsSync(binary)) return undefined;
  if (!isRoot()) {
    return `${binary} is missing. Install it with \`sudo apt-get install -y ${pkg}\` (npm test installs it by itself when run as root).`;
  }
  console.info(`[test] ${binary} is missing: apt-get install -y ${pkg} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit', env });
  }
  return existsSync(binary)
    ? undefined
    : `apt-get install -y ${pkg} did not provide ${binary} (see the output above).`;
}

/** Connects and runs `select 1`; returns undefined when PostgreSQL answers, else the problem. */
export async function checkPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const where = new URL(url);
    where.password = '';
    return (
      `PostgreSQL is not reachable at ${where.href} (${error.message}). ` +
      'Start it (e.g. `sudo service postgresql start`; trust auth for user postgres, database test) ' +
      'or point TRINE_TEST_PG at another server.'
    );
  } finally {
    await client.end().catch(() => {});
  }
}
