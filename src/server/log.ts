/**
 * Structured logs: one JSON line per event on stdout. Callers pass only the fields they
 * mean to publish; by convention no token, share, key or record body is ever a field,
 * and `redact()` guards the few free-text places (error messages).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
};

const SECRETISH = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|[0-9a-f]{64,}/g;

/** Remove anything shaped like a JWT or a long hex secret from free text. */
export function redact(text: string): string {
  return text.replace(SECRETISH, '[redacted]');
}

export function createLogger(
  service: string,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const emit = (level: string, event: string, fields: LogFields = {}) => {
    const clean: LogFields = {};
    for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === 'string' ? redact(v) : v;
    write(JSON.stringify({ t: new Date().toISOString(), level, service, event, ...clean }));
  };
  return {
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
}

/** A logger that drops everything (benchmarks). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
