/**
 * A test-only HTTP proxy in front of one real node, so that no test code lives in the
 * server: it forwards every request and may delay the answer or rewrite it. `corruptShare`
 * plays a malicious node: it replaces the sealed sub-share by a random (F, G) sealed
 * properly to the client's session key and re-signs the answer with the node's own key,
 * so only the commitment check can catch it.
 */
import { createServer, type Server } from 'node:http';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { randomScalar } from '../../../src/crypto/scalar.ts';
import { encodeSharePair } from '../../../src/crypto/sharePair.ts';
import { ed25519SignBody, importEd25519Signer } from '../../../src/crypto/signature.ts';
import { x25519Seal } from '../../../src/crypto/x25519.ts';
import { shareSlot } from '../../../src/protocol/slots.ts';
import { listen } from '../../../src/server/http.ts';

export type NodeProxy = { url: string; close(): Promise<void> };
type Rewrite = (path: string, status: number, body: any) => Promise<any>;

export async function startProxy(
  target: string,
  options: { delayMs?: number; rewrite?: Rewrite } = {},
): Promise<NodeProxy> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      });
      let text = await upstream.text();
      if (options.rewrite && upstream.status === 200)
        text = JSON.stringify(await options.rewrite(req.url ?? '', upstream.status, JSON.parse(text)));
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(text);
    } catch {
      res.destroy();
    }
  });
  const url = await listen(server, 0);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A rewrite that turns node `secrets`'s share answers into validly signed wrong sub-shares. */
export async function corruptShare(secrets: { signingKey: string }, signingPub: string): Promise<Rewrite> {
  const signer = await importEd25519Signer(fromHex(secrets.signingKey, 32), fromHex(signingPub, 32));
  return async (path, _status, body) => {
    const b = body?.answer?.body;
    if (path !== '/v1/share' || b?.status !== 'ok') return body;
    const wrong = encodeSharePair({ f: randomScalar(), g: randomScalar() });
    const sealed = await x25519Seal(
      fromHex(b.sessionPub, 32),
      wrong,
      shareSlot(b.P, b.epoch, b.node, b.sessionPub),
    );
    const forged = { ...b, sealed: toHex(sealed) };
    return { answer: { body: forged, sig: toHex(await ed25519SignBody(signer, forged)) } };
  };
}
