/** One POST to the metadata server; non-2xx answers become TrineErrors with the server's code. */
import type { NetworkConfig } from '../../config/network.ts';
import { errorFromAnswer, type JsonAnswer, type PostJsonOptions, postJson } from '../http.ts';

/** Where the metadata server is and the key its receipts are signed with (network.metadata). */
export type MetadataEndpoint = NetworkConfig['metadata'];
export type MetadataCallOptions = PostJsonOptions;

export async function callMetadata(
  endpoint: MetadataEndpoint,
  path: string,
  body: unknown,
  options: MetadataCallOptions = {},
  accept: (answer: JsonAnswer) => boolean = (a) => a.status >= 200 && a.status < 300,
): Promise<JsonAnswer & { url: string }> {
  const url = `${endpoint.url.replace(/\/$/, '')}${path}`;
  const answer = await postJson(url, body, options);
  if (!accept(answer)) throw errorFromAnswer(url, answer);
  return { ...answer, url };
}
