/**
 * A TLS front for a server of the multi-host test network: HTTPS on the host's own address,
 * forwarded as plain HTTP to the server on that host's loopback, optionally after holding
 * every request for `delayMs` (a slow host; this kernel has no `tc netem`, so latency is
 * injected here, once per request, not per packet). It runs inside the host's namespace,
 * so the plain-HTTP hop never leaves the host.
 *
 * It stands in for the servers' own `--tls-cert/--tls-key` where a test needs the delay in
 * front of the server anyway. Bodies are passed through untouched; nothing is logged.
 *
 * @example
 * const front = await startTlsFront({ host: '10.213.0.10', port: 12201, target: 'http://127.0.0.1:12201',
 *   cert: readFileSync(certFile), key: readFileSync(keyFile), delayMs: 2000 });
 * await front.close();
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';

export type TlsFront = { url: string; close(): Promise<void> };

export type StartTlsFrontParameters = {
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>` of the server behind. */
  target: string;
  cert: Buffer;
  key: Buffer;
  delayMs?: number;
};

export async function startTlsFront(o: StartTlsFrontParameters): Promise<TlsFront> {
  const to = new URL(o.target);
  if (to.protocol !== 'http:') throw new TypeError(`target must be http://, not ${o.target}`);
  const delayMs = o.delayMs ?? 0;
  if (!(Number.isInteger(delayMs) && delayMs >= 0))
    throw new RangeError(`delayMs must be ≥ 0, not ${delayMs}`);
  const server: Server = createServer({ cert: o.cert, key: o.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = () => {
        const upstream = request(
          { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
          res.end('the server behind this TLS front is not answering');
        });
        upstream.end(Buffer.concat(chunks));
      };
      if (delayMs > 0) setTimeout(forward, delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, resolve);
  });
  return {
    url: `https://${o.host}:${o.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
