/**
 * The limit for bench/node.bench.ts: a bare node:http handler doing only the work a share
 * request cannot avoid (read and parse the body, validate it, verify the RS256 id token
 * against the issuer's keys with the same checks, compute P, seal a 64-byte sub-share to
 * sessionPub, sign the answer with Ed25519), with no storage, routing, limits or metrics.
 *
 *   tsx bench/node-limit.ts --port <p> --data <file.json>
 *   (file: { issuer, audience, jwks, signingSeed, signingPub, networkSalt })
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { fromHex, randomBytes, toHex } from '../src/crypto/bytes.ts';
import { pseudonym } from '../src/crypto/pseudonym.ts';
import { ed25519SignBody, importEd25519Signer } from '../src/crypto/signature.ts';
import { x25519Seal } from '../src/crypto/x25519.ts';
import { ShareRequest } from '../src/protocol/formats.ts';
import { loginNonce } from '../src/protocol/nonce.ts';
import { parse } from '../src/protocol/parse.ts';
import { shareSlot } from '../src/protocol/slots.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } });
const data = JSON.parse(readFileSync(values.data ?? '', 'utf8'));
const keys = createLocalJWKSet(data.jwks);
const signer = await importEd25519Signer(fromHex(data.signingSeed, 32), fromHex(data.signingPub, 32));
const salt = fromHex(data.networkSalt, 32);
const share = randomBytes(64);
const inbox = toHex(randomBytes(32)); // answers carry the user's inbox key: same size

async function answer(text: string): Promise<[number, unknown]> {
  const request = parse(ShareRequest, JSON.parse(text), 'share request');
  const sessionPub = fromHex(request.sessionPub, 32);
  const { payload } = await jwtVerify(request.idToken, keys, {
    issuer: data.issuer,
    audience: data.audience,
    algorithms: ['RS256'],
    clockTolerance: 60,
  });
  if (payload.nonce !== loginNonce(sessionPub, fromHex(request.candidateM, 33)))
    return [401, { error: { code: 'token-rejected' } }];
  const P = toHex(pseudonym(salt, request.verifier, String(payload.sub)));
  const sealed = await x25519Seal(sessionPub, share, shareSlot(P, 1, 1, request.sessionPub));
  const body = {
    kind: 'node-share',
    status: 'ok',
    node: 1,
    P,
    issuedAt: Date.now(),
    sessionPub: request.sessionPub,
    inbox,
    epoch: 1,
    sealed: toHex(sealed),
  };
  return [200, { answer: { body, sig: toHex(await ed25519SignBody(signer, body)) } }];
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.end('{"ok":true}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString()).then(
      ([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      () => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"invalid-input"}}');
      },
    );
  });
});
server.listen(Number(values.port), '127.0.0.1', () => console.info('listening'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
