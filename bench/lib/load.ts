/**
 * HTTP load for the scale benchmark: `connections` concurrent connections POST one body
 * after another from a shuffled list, each request taking the next body in turn (not each
 * connection replaying the whole list), so concurrent requests name different users.
 */
import autocannon from 'autocannon';

export type LoadFigures = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

export type LoadParameters = {
  url: string;
  path: string;
  bodies: readonly string[];
  connections: number;
  /** Seconds; or `amount` requests instead. */
  duration?: number;
  amount?: number;
};

export async function load({
  url,
  path,
  bodies,
  connections,
  duration,
  amount,
}: LoadParameters): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: duration ?? 10 }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        path,
        setupRequest(req) {
          const body = bodies[next % bodies.length]!;
          next += 1;
          return { ...req, body };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A copy of `items` in random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
