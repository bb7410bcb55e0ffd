/**
 * A throwaway web server on http://localhost:<random port> for pages a test needs: the
 * content script only runs in http(s) pages, and WebAuthn wants `localhost`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PageServer = { url: string; close(): Promise<void> };

/** Serve `pages` (path → HTML); anything else is 404. */
export async function startPageServer(pages: Record<string, string>): Promise<PageServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const html = pages[path];
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
