/**
 * OpenID Connect discovery (Discovery 1.0 §4): the issuer's endpoints, fetched once per
 * worker, bounded in time, and checked: the document must name the same issuer (§4.3).
 */
import * as v from 'valibot';
import { TrineError } from '../../errors/index.ts';
import { parse } from '../../protocol/parse.ts';

const Discovery = v.object({
  issuer: v.string(),
  authorization_endpoint: v.pipe(v.string(), v.url()),
  token_endpoint: v.pipe(v.string(), v.url()),
});
export type Discovery = v.InferOutput<typeof Discovery>;

const cache = new Map<string, Promise<Discovery>>();

export function discover(issuer: string, fetchFn: typeof fetch = fetch): Promise<Discovery> {
  let found = cache.get(issuer);
  if (found === undefined) {
    found = load(issuer, fetchFn);
    found.catch(() => cache.delete(issuer)); // a failure is not remembered
    cache.set(issuer, found);
  }
  return found;
}

async function load(issuer: string, fetchFn: typeof fetch): Promise<Discovery> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  } catch (cause) {
    throw new TrineError({
      code: 'network-unreachable',
      message: `the sign-in provider ${issuer} cannot be reached`,
      cause,
    });
  }
  if (response.status !== 200)
    throw new TrineError({
      code: 'network-unreachable',
      message: `the sign-in provider ${issuer} answered ${response.status} to discovery`,
    });
  const document = parse(Discovery, await response.json(), 'openid-configuration');
  if (document.issuer !== issuer)
    throw new TrineError({
      code: 'token-rejected',
      message: `the provider at ${issuer} calls itself ${document.issuer}`,
    });
  return document;
}
