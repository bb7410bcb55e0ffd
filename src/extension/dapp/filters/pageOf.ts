/**
 * Filters and subscriptions belong to a page: a request without one (a caller other than
 * a page's provider connection) cannot make them.
 */
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { ProviderError } from '../errors.ts';
import type { DappContext } from '../services.ts';
import type { PageLink } from './registry.ts';

export function pageOf(context: DappContext, method: string): PageLink {
  if (context.page === undefined)
    throw new ProviderError(
      ProviderErrorCode.unsupportedMethod,
      `${method} needs a page's provider connection`,
    );
  return context.page;
}
