/** The Prometheus text of /metrics: every family typed once, its samples together. */
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/server/metrics.ts';

describe('metrics text', () => {
  it('types each counter family once and keeps its samples together', () => {
    const m = createMetrics('trine_node');
    m.count('shares_total', { status: 'ok' });
    m.count('installs_total', { replaced: 'false' });
    m.count('shares_total', { status: 'unknown' }, 2);
    m.observe('share', 200, 3);
    const lines = m.text().trim().split('\n');
    expect(lines.filter((l) => l === '# TYPE trine_node_shares_total counter')).toHaveLength(1);
    const at = lines.indexOf('# TYPE trine_node_shares_total counter');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      'trine_node_shares_total{status="ok"} 1',
      'trine_node_shares_total{status="unknown"} 2',
    ]);
    expect(lines).toContain('# TYPE trine_node_installs_total counter');
    expect(lines).toContain('trine_node_requests_total{route="share",status="200"} 1');
    expect(lines).toContain('trine_node_request_duration_ms_bucket{route="share",le="5"} 1');
  });
});
