/**
 * Types for code that runs inside pages (`page.evaluate`). Type-only: nothing here may be
 * referenced at run time, since evaluated functions are serialised without their scope.
 */

/** The parts of an EIP-1193 provider the tests call. */
export type Eip1193Provider = {
  request(args: unknown): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  isTrine?: boolean;
};

export type Eip6963ProviderInfo = { uuid: string; name: string; icon: string; rdns: string };
export type Eip6963Detail = { info: Eip6963ProviderInfo; provider: Eip1193Provider };

/** `window` with a legacy injected provider (or another wallet's stand-in). */
export type WindowWithEthereum = Window & { ethereum?: Eip1193Provider & { isOtherWallet?: boolean } };

/** An EIP-1193 error as a page sees it. */
export type ProviderRpcErrorLike = Error & { code: number; data?: unknown };
