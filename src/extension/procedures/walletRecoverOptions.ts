/** `wallet-recover-options`: the factor types recovery can use here (a device key only if this browser has one). */
import type { Procedure } from './procedure.ts';

export const walletRecoverOptions: Procedure<'wallet-recover-options'> = {
  run: async (ctx) => {
    const hasDeviceKey = (await (await ctx.db()).count('deviceKeys')) > 0;
    return {
      ok: true,
      factorTypes: [
        'passkey',
        ...(hasDeviceKey ? (['device'] as const) : []),
        'phrase',
        'password',
        'imported',
      ],
    };
  },
};
