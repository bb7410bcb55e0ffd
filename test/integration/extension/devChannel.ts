/**
 * An AuthorizationChannel for Node tests: the real development provider driven over HTTP
 * (devAuthorize), as the identity API would show it to a user who picks `account`. The
 * cookie jar is kept, so a later `prompt=none` login is silent, as in a browser.
 */
import type { AuthorizationChannel } from '../../../src/extension/oidc/signInWithProvider.ts';
import { type CookieJar, devAuthorize } from '../../../src/oidc/devAuthorize.ts';

export type DevChannel = AuthorizationChannel & { account: string; jar: CookieJar; runs: number };

export function devChannel(issuer: string, redirectUri: string, account: string): DevChannel {
  const channel: DevChannel = {
    account,
    jar: new Map(),
    runs: 0,
    redirectUri,
    async run({ url }) {
      channel.runs++;
      const request = new URL(url);
      const query = Object.fromEntries(request.searchParams);
      const { params } = await devAuthorize({
        issuer,
        clientId: query.client_id!,
        redirectUri: query.redirect_uri!,
        account: channel.account,
        query,
        jar: channel.jar,
      });
      return `${redirectUri}?${params}`;
    },
  };
  return channel;
}
