// One fixed-rate load on one endpoint with autocannon: `rate` requests/s in total over
// `connections` connections for `seconds`, each request for a random customer id.
import autocannon from 'autocannon';

export interface LoadFigures {
  endpoint: string;
  requests: number;
  /** Completed requests per second. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export async function loadRun(o: {
  url: string;
  key: string;
  path: (customerId: string) => string;
  label: string;
  customerIds: string[];
  rate: number;
  connections: number;
  seconds: number;
}): Promise<LoadFigures> {
  const pick = () => o.customerIds[Math.floor(Math.random() * o.customerIds.length)];
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    overallRate: o.rate,
    headers: { authorization: `Bearer ${o.key}` },
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: o.path(encodeURIComponent(pick())) }) }],
  });
  return {
    endpoint: o.label,
    requests: r.requests.total,
    throughput: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}
