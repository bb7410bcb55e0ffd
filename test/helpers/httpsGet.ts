/**
 * GET over HTTPS trusting one given CA (Node's fetch takes no per-request CA): status and
 * parsed JSON body. A certificate the CA did not sign fails the request.
 */
import { request } from 'node:https';

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
export function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON (metrics): keep the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
