export * from './channel.ts';
export * from './internal.ts';
export * from './providerErrors.ts';
export * from './rpc.ts';
