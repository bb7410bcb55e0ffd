/**
 * Port checks done before a service is spawned, so a taken port is reported by name
 * instead of as a child that dies with EADDRINUSE somewhere in a log file.
 */
import { connect, createServer } from 'node:net';
import { TrineError } from '../errors/index.ts';

/** True when nothing listens on `host:port` and we could bind it. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (await accepts(port, host)) return false;
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws a `TrineError('invalid-input')` naming the service, the port and the fix. */
export async function assertPortFree(service: string, port: number, host = '127.0.0.1'): Promise<void> {
  if (await isPortFree(port, host)) return;
  throw new TrineError({
    code: 'invalid-input',
    message:
      `${service}: port ${port} on ${host} is already in use. ` +
      `Stop what listens there (\`ss -ltnp 'sport = :${port}'\` shows it) or change the port in config/local.json.`,
    details: { field: 'port', service, port },
  });
}

/** Whether something accepts TCP connections on `host:port` right now. */
export function accepts(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    // A port in the kernel's ephemeral range with no listener can "accept" a connection from
    // itself (TCP self-connect: the kernel picked that very port as our source port).
    socket.once('connect', () => done(socket.localPort !== port));
    socket.once('error', () => done(false));
  });
}

/** Asks the kernel for a free port on `host` (for tests that need a fresh one). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
