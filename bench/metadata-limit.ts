/**
 * The limit for bench/metadata.bench.ts: a bare node:http handler doing only the work a
 * signed read cannot avoid (read the body, parse and validate it, check the ±60 s window,
 * verify the ECDSA signature by M + B₁ with the same native verifier, answer a record of
 * the same size), with no storage, routing or metrics.
 *
 *   tsx bench/metadata-limit.ts --port <p> --data <file.json>   (file: { readKeys: {P: hex}, answer })
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fromHex } from '../src/crypto/bytes.ts';
import { ecdsaVerifyBodyNative } from '../src/metadata/ecdsaVerifyNative.ts';
import { ReadRequest } from '../src/protocol/formats.ts';
import { parse } from '../src/protocol/parse.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } });
const data = JSON.parse(readFileSync(values.data ?? '', 'utf8')) as {
  readKeys: Record<string, string>;
  answer: unknown;
};
const readKeys = new Map(Object.entries(data.readKeys).map(([P, key]) => [P, fromHex(key, 33)]));
const answer = JSON.stringify(data.answer);

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.end('{"ok":true}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    try {
      const { request, signature } = parse(ReadRequest, JSON.parse(Buffer.concat(chunks).toString()), 'read');
      const key = readKeys.get(request.P);
      if (!key || Math.abs(Date.now() - request.issuedAt) > 60_000) status = 401;
      else if (!ecdsaVerifyBodyNative(key, request, fromHex(signature, 64))) status = 401;
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? answer : '{"error":{"code":"bad-signature","message":"no"}}');
  });
});
server.listen(Number(values.port), '127.0.0.1', () => console.info('listening'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
