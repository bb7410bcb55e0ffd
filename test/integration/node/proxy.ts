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
// biome-ignore lint/suspicious/noExplicitAny: the proxy rewrites arbitrary JSON answers
type Rewrite = (path: string, status: number, body: any) => Promise<any>;

export type ProxyOptions = {
  delayMs?: number;
  /** Hold every answer until this settles (e.g. until the corrupt nodes have answered). */
  holdUntil?: Promise<unknown>;
  rewrite?: Rewrite;
  /** Called after each answer was sent. */
  onAnswered?: () => void;
};

export async function startProxy(target: string, options: ProxyOptions = {}): Promise<NodeProxy> {
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
      if (options.holdUntil) await options.holdUntil;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(text, () => options.onAnswered?.());
    } catch {
      res.destroy();
    }
  });
  server.keepAliveTimeout = 1000;
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

/**
 * Proxies for a whole network: `bad` nodes answer with corrupt sub-shares, and the honest
 * ones hold their answers until every bad one has answered, so the client must meet the
 * bad answers first (on a busy machine a fixed delay is not enough). Returns the network
 * as the client sees it.
 */
export async function corruptNetwork<
  N extends { nodes: { index: number; url: string; signingKey: string }[] },
>(
  network: N,
  bad: number[],
  secretsOf: (index: number) => { signingKey: string },
): Promise<{ network: N; close(): Promise<void> }> {
  let answered = 0;
  let release: () => void = () => {};
  const allBadAnswered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const proxies = await Promise.all(
    network.nodes.map(async (node) =>
      bad.includes(node.index)
        ? startProxy(node.url, {
            rewrite: await corruptShare(secretsOf(node.index), node.signingKey),
            onAnswered: () => {
              answered += 1;
              if (answered === bad.length) release();
            },
          })
        : startProxy(node.url, { holdUntil: allBadAnswered, delayMs: 20 }),
    ),
  );
  return {
    network: { ...network, nodes: network.nodes.map((n, i) => ({ ...n, url: proxies[i]!.url })) },
    close: async () => {
      release();
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}
