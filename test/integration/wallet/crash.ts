/**
 * Crash injection at the boundary the wallet cannot control: a request is dropped before
 * it reaches the server (the client died before sending) or after the server acted on it
 * (the client died before reading the answer). Everything the flow held in memory is lost
 * with the thrown error, as it would be with a killed process.
 */
import { TrineError } from '../../../src/errors/index.ts';
import type { WalletBackend } from '../../../src/wallet/backend.ts';

export type CrashPoint = {
  call: 'fetchNetworkShare' | 'attest' | 'createRecord' | 'installDealing' | 'readRecord' | 'writeRecord';
  /** Which call of that kind (1 = first). */
  nth?: number;
  when: 'before' | 'after';
  /** installDealing only: deliver to just these nodes, then crash. */
  onlyNodes?: number[];
};

export class InjectedCrash extends TrineError {
  constructor(point: CrashPoint) {
    super({ code: 'internal', message: `injected crash ${point.when} ${point.call}#${point.nth ?? 1}` });
  }
}

export function crashingBackend(inner: WalletBackend, point: CrashPoint): WalletBackend {
  const counts = new Map<string, number>();
  const hit = (call: string) => {
    const n = (counts.get(call) ?? 0) + 1;
    counts.set(call, n);
    return call === point.call && n === (point.nth ?? 1);
  };
  const wrap =
    <A extends unknown[], R>(call: CrashPoint['call'], fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const crash = hit(call);
      if (crash && point.when === 'before') throw new InjectedCrash(point);
      if (!crash) return fn(...args);
      // the server answers (or refuses); the client dies before acting on it
      await fn(...args).catch(() => undefined);
      throw new InjectedCrash(point);
    };
  return {
    network: inner.network,
    fetchNetworkShare: wrap('fetchNetworkShare', inner.fetchNetworkShare.bind(inner)),
    attest: wrap('attest', inner.attest.bind(inner)),
    createRecord: wrap('createRecord', inner.createRecord.bind(inner)),
    readRecord: wrap('readRecord', inner.readRecord.bind(inner)),
    writeRecord: wrap('writeRecord', inner.writeRecord.bind(inner)),
    async installDealing(login, dealing, receipt, proof, nodes) {
      const crash = hit('installDealing');
      if (crash && point.when === 'before') throw new InjectedCrash(point);
      const targets = crash && point.onlyNodes ? point.onlyNodes : nodes;
      const result = await inner.installDealing(login, dealing, receipt, proof, targets);
      if (crash) throw new InjectedCrash(point);
      return result;
    },
  };
}
