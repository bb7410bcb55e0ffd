/** Counters and a latency histogram per route, served as Prometheus text at /metrics. */
const BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

export type Metrics = {
  observe(route: string, status: number, ms: number): void;
  count(name: string, labels?: Record<string, string>, by?: number): void;
  text(): string;
};

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

export function createMetrics(prefix: string): Metrics {
  const requests = new Map<string, number>();
  const hist = new Map<string, { buckets: number[]; sum: number; count: number }>();
  const counters = new Map<string, number>();
  return {
    observe(route, status, ms) {
      const key = labelText({ route, status: String(status) });
      requests.set(key, (requests.get(key) ?? 0) + 1);
      let h = hist.get(route);
      if (!h) {
        h = { buckets: BUCKETS_MS.map(() => 0), sum: 0, count: 0 };
        hist.set(route, h);
      }
      BUCKETS_MS.forEach((b, i) => {
        if (ms <= b) h.buckets[i]! += 1;
      });
      h.sum += ms;
      h.count += 1;
    },
    count(name, labels = {}, by = 1) {
      const key = `${prefix}_${name}{${labelText(labels)}}`;
      counters.set(key, (counters.get(key) ?? 0) + by);
    },
    text() {
      const lines = [`# TYPE ${prefix}_requests_total counter`];
      for (const [k, n] of requests) lines.push(`${prefix}_requests_total{${k}} ${n}`);
      lines.push(`# TYPE ${prefix}_request_duration_ms histogram`);
      for (const [route, h] of hist) {
        BUCKETS_MS.forEach((b, i) => {
          lines.push(`${prefix}_request_duration_ms_bucket{route="${route}",le="${b}"} ${h.buckets[i]}`);
        });
        lines.push(`${prefix}_request_duration_ms_bucket{route="${route}",le="+Inf"} ${h.count}`);
        lines.push(`${prefix}_request_duration_ms_sum{route="${route}"} ${h.sum.toFixed(3)}`);
        lines.push(`${prefix}_request_duration_ms_count{route="${route}"} ${h.count}`);
      }
      const typed = new Set<string>();
      for (const [k, n] of [...counters].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const name = k.slice(0, k.indexOf('{'));
        if (!typed.has(name)) lines.push(`# TYPE ${name} counter`);
        typed.add(name);
        lines.push(`${k} ${n}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
