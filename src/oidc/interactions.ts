/**
 * The provider's interaction routes: `GET /interaction/:uid` shows the account list,
 * `POST /interaction/:uid/login` signs the chosen account in. Consent is automatic (the
 * extension is a first-party client), so a consent prompt is finished without a page.
 */
import type Provider from 'oidc-provider';
import type { InteractionResults, KoaContextWithOIDC } from 'oidc-provider';
import { findDevAccount } from './accounts.ts';
import { errorPage, loginPage } from './login-page.ts';

const route = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/;
const maxBody = 4096;

export function interactionRoutes(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const match = route.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== match[1])
      return fail(ctx, 400, 'This sign-in page is stale; start the sign-in again.');

    if (details.prompt.name === 'consent') {
      return finish(ctx, provider, { consent: { grantId: await grantAll(provider, details) } });
    }
    if (!match[2]) {
      if (ctx.method !== 'GET') return fail(ctx, 405, 'method not allowed');
      ctx.type = 'html';
      ctx.body = loginPage({
        uid: details.uid,
        clientId: String(details.params.client_id),
        issuer: provider.issuer,
      });
      return;
    }
    if (ctx.method !== 'POST') return fail(ctx, 405, 'method not allowed');
    const form = new URLSearchParams(await readBody(ctx));
    const account = findDevAccount(form.get('account') ?? '');
    if (!account) return fail(ctx, 400, 'Unknown development account.');
    return finish(ctx, provider, { login: { accountId: account.sub } });
  };
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Grants every scope the client asked for: automatic consent. */
async function grantAll(provider: Provider, details: Details): Promise<string> {
  const accountId = details.session?.accountId ?? '';
  const clientId = String(details.params.client_id);
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
    : new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  return grant.save();
}

async function finish(ctx: KoaContextWithOIDC, provider: Provider, result: InteractionResults) {
  const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.set('location', to);
}

function fail(ctx: KoaContextWithOIDC, status: number, message: string) {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = errorPage('Sign-in failed', message);
}

async function readBody(ctx: KoaContextWithOIDC): Promise<string> {
  let body = '';
  for await (const chunk of ctx.req) {
    body += chunk;
    if (body.length > maxBody) ctx.throw(413, 'form too large');
  }
  return body;
}
