/**
 * How the OpenID authorization request reaches the user:
 *  - the identity API (`launchWebAuthFlow`: Chrome redirects to https://<id>.chromiumapp.org/,
 *    Firefox to its getRedirectURL()), which also does the silent `prompt=none` login;
 *  - where that API is missing, a tab that lands on pages/callback.html, whose page hands
 *    the redirect to the background (procedures/oauthCallback.ts → `deliverRedirect`).
 */
import browser from 'webextension-polyfill';
import { TrineError } from '../../errors/index.ts';
import type { AuthorizationChannel } from '../oidc/signInWithProvider.ts';

const TAB_TIMEOUT_MS = 5 * 60_000;

export function authorizationChannel(): AuthorizationChannel {
  const identity = browser.identity as typeof browser.identity | undefined;
  if (typeof identity?.launchWebAuthFlow === 'function') return identityChannel();
  return tabChannel();
}

function identityChannel(): AuthorizationChannel {
  return {
    redirectUri: browser.identity.getRedirectURL(),
    async run({ url, interactive }) {
      try {
        return await browser.identity.launchWebAuthFlow({ url, interactive });
      } catch (cause) {
        if (!interactive)
          throw new TrineError({
            code: 'sign-in-required',
            message: 'the provider needs you to sign in again',
            details: { why: 'provider' },
            cause,
          });
        throw new TrineError({
          code: 'token-rejected',
          message: 'the sign-in was cancelled or failed',
          status: 401,
          cause,
        });
      }
    },
  };
}

const waiting = new Map<string, (url: string) => void>();

/** The callback page received the redirect for `state`: hand it to the sign-in waiting for it. */
export function deliverRedirect(state: string, url: string): boolean {
  const resolve = waiting.get(state);
  if (resolve === undefined) return false;
  waiting.delete(state);
  resolve(url);
  return true;
}

export function tabChannel(): AuthorizationChannel {
  return {
    redirectUri: browser.runtime.getURL('pages/callback.html'),
    async run({ url, state, interactive }) {
      const tab = await browser.tabs.create({ url, active: interactive });
      const tabId = tab.id;
      let onRemoved: ((id: number) => void) | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await new Promise<string>((resolve, reject) => {
          waiting.set(state, resolve);
          onRemoved = (id) => {
            if (id === tabId)
              reject(
                new TrineError({
                  code: 'token-rejected',
                  message: 'the sign-in tab was closed',
                  status: 401,
                }),
              );
          };
          browser.tabs.onRemoved.addListener(onRemoved);
          // A silent sign-in that never comes back: the provider is showing its page, it wants the user.
          timer = setTimeout(
            () =>
              reject(
                interactive
                  ? new TrineError({
                      code: 'token-rejected',
                      message: 'the sign-in took too long',
                      status: 401,
                    })
                  : new TrineError({
                      code: 'sign-in-required',
                      message: 'the provider needs you to sign in again',
                      details: { why: 'provider' },
                    }),
              ),
            interactive ? TAB_TIMEOUT_MS : 30_000,
          );
        });
      } finally {
        waiting.delete(state);
        clearTimeout(timer);
        if (onRemoved) browser.tabs.onRemoved.removeListener(onRemoved);
        if (tabId !== undefined) await browser.tabs.remove(tabId).catch(() => {});
      }
    },
  };
}
