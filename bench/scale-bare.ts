/**
 * The bare handler of bench/scale.bench.ts: a minimal node:http server doing the same
 * database read of the same row as the real server, and nothing else (no validation,
 * signature, token or rate checks, no decryption, no routing or metrics). The real server's
 * p99 over this one's, in the same run, is what the application adds to the read.
 *
 *   tsx bench/scale-bare.ts --port <p> --store <postgres://…?schema=…> --kind metadata|node
 *     [--pool-size 10] [--salt <network salt hex>]   (the salt: node only)
 *
 * metadata: body { request: { P } } → SELECT version, record, receipt FROM records WHERE p = P
 * node: body { verifier, idToken } → P from the token's sub, unverified (as the node computes
 *   it once the token is checked) → SELECT epoch, sealed FROM node_records WHERE p = P and,
 *   at the same time, SELECT pub, sealed FROM node_inboxes WHERE p = P (the user's inbox)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fromHex, toHex } from '../src/crypto/bytes.ts';
import { pseudonym } from '../src/crypto/pseudonym.ts';
import { openPostgres } from '../src/storage/postgres.ts';
import { parseStoreUrl } from '../src/storage/url.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    store: { type: 'string' },
    kind: { type: 'string' },
    'pool-size': { type: 'string', default: '10' },
    salt: { type: 'string' },
  },
});
const location = parseStoreUrl(values.store ?? '');
if (location.kind !== 'postgres') throw new Error('--store must be a postgres:// URL');
const pool = await openPostgres({ ...location, max: Number(values['pool-size']) });

async function readMetadata(body: { request: { P: string } }): Promise<string | undefined> {
  const { rows } = await pool.query<{ version: string; record: string; receipt: string }>(
    'SELECT version, record, receipt FROM records WHERE p = $1',
    [body.request.P],
  );
  const row = rows[0];
  return row && `{"version":${row.version},"record":${row.record},"receipt":${row.receipt}}`;
}

const salt = values.salt ? fromHex(values.salt, 32) : undefined;

async function readNode(body: { verifier: string; idToken: string }): Promise<string | undefined> {
  const claims = JSON.parse(Buffer.from(body.idToken.split('.')[1] ?? '', 'base64url').toString());
  const P = toHex(pseudonym(salt!, body.verifier, String(claims.sub)));
  const [record, inbox] = await Promise.all([
    pool.query<{ epoch: number; sealed: Buffer }>('SELECT epoch, sealed FROM node_records WHERE p = $1', [P]),
    pool.query<{ pub: string }>('SELECT pub, sealed FROM node_inboxes WHERE p = $1', [P]),
  ]);
  const row = record.rows[0];
  const pub = inbox.rows[0]?.pub;
  return (
    row && pub && JSON.stringify({ P, epoch: row.epoch, sealed: row.sealed.toString('hex'), inbox: pub })
  );
}

const read = values.kind === 'node' ? readNode : readMetadata;

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.end('{"ok":true}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    Promise.resolve(Buffer.concat(chunks).toString())
      .then((text) => read(JSON.parse(text)))
      .then(
        (answer) => {
          res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
          res.end(answer ?? '{"error":{"code":"record-not-found"}}');
        },
        () => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"internal"}}');
        },
      );
  });
});
server.listen(Number(values.port), '127.0.0.1', () => console.info('listening'));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => pool.end().then(() => process.exit(0)));
});
