/**
 * Structured logs: one JSON line per event on stdout, the same shape for every server:
 *   {"time":"2026-12-07T05:00:00.000Z","level":"info","service":"node-1","msg":"listening",…fields}
 * `level` is info, warn or error; the fields follow (a field cannot replace time, level,
 * service or msg). Callers pass only the fields they mean to publish; by convention no
 * token, share, key, user identifier or record body is ever a field, and `redact()` guards
 * every string field (error messages are free text). Start-up failures are the exception:
 * one plain line on stderr (`node: cannot start: …`) for the operator at the terminal.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
};

const RESERVED = new Set(['time', 'level', 'service', 'msg']);

const SECRETISH = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|[0-9a-f]{64,}/g;

/** Remove anything shaped like a JWT or a long hex secret from free text. */
export function redact(text: string): string {
  return text.replace(SECRETISH, '[redacted]');
}

export function createLogger(
  service: string,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}) => {
    const clean: LogFields = {};
    for (const [k, v] of Object.entries(fields))
      if (!RESERVED.has(k)) clean[k] = typeof v === 'string' ? redact(v) : v;
    write(JSON.stringify({ time: new Date().toISOString(), level, service, msg: redact(msg), ...clean }));
  };
  return {
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
}

/** A logger that drops everything (benchmarks). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
