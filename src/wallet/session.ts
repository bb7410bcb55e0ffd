/**
 * An unlocked wallet: k and m (with the slopes a₁, b₁ of the current epoch) in memory,
 * plus the last record seen. It lives only in the service worker. `serialize()` exists for
 * `storage.session` alone (memory-only browser storage that survives a service-worker
 * restart); `lock()` wipes it.
 */

import * as v from 'valibot';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { pointFromBytes, publicOf, scalarToBytes } from '../crypto/scalar.ts';
import { TrineError } from '../errors/index.ts';
import { MetadataRecord, Receipt } from '../protocol/formats.ts';
import { hex, parse } from '../protocol/parse.ts';
import { addressOf } from './address.ts';
import type { RecordState } from './backend.ts';
import { type KeyMaterial, wipeMaterial } from './material.ts';
import { openPrivatePart, type PrivatePart } from './privatePart.ts';

const SerializedSession = v.strictObject({
  v: v.literal(1),
  k: hex(32),
  m: hex(32),
  a1: hex(32),
  b1: hex(32),
  version: v.number(),
  record: MetadataRecord,
  receipt: Receipt,
});
export type SerializedSession = v.InferOutput<typeof SerializedSession>;

const bigOf = (h: string) => BigInt(`0x${h}`);

export class WalletSession {
  #material: KeyMaterial | null;
  #state: RecordState;
  #private: PrivatePart;
  readonly address: `0x${string}`;
  readonly P: string;

  constructor(material: KeyMaterial, state: RecordState) {
    this.#material = { ...material };
    this.#state = state;
    this.P = state.record.P;
    // Every caller has checked k·G = K already (assertRebuilt, or K computed from k).
    this.address = addressOf(pointFromBytes(fromHex(state.record.tss.K, 33, 'K'), 'K'));
    this.#private = openPrivatePart(material.m, this.P, state.record.private);
  }

  get locked(): boolean {
    return this.#material === null;
  }

  get epoch(): number {
    return this.#state.record.epoch;
  }

  get state(): RecordState {
    return this.#state;
  }

  /** The decrypted private part (labels, credential ids…); not secret key material. */
  get privatePart(): PrivatePart {
    return this.#private;
  }

  /** For the flows in this folder; throws when locked. */
  material(): KeyMaterial {
    if (!this.#material)
      throw new TrineError({ code: 'locked', message: 'the wallet is locked', status: 403 });
    return this.#material;
  }

  /** The signing key k as 32 bytes, for the signer in the service worker only. */
  signingKey(): Uint8Array {
    return scalarToBytes(this.material().k);
  }

  /** Intent: a newer record (and possibly epoch) is now current. */
  adoptRecord(state: RecordState, material?: KeyMaterial): void {
    if (material) this.#material = { ...material };
    const m = this.material().m;
    this.#state = state;
    this.#private = openPrivatePart(m, this.P, state.record.private);
  }

  lock(): void {
    if (this.#material) wipeMaterial(this.#material);
    this.#material = null;
  }

  /** Only for storage.session (memory-only). Never write the result anywhere else. */
  serialize(): SerializedSession {
    const mat = this.material();
    const h = (s: bigint) => toHex(scalarToBytes(s));
    return { v: 1, k: h(mat.k), m: h(mat.m), a1: h(mat.a1), b1: h(mat.b1), ...this.#state };
  }

  static restore(value: unknown): WalletSession {
    const s = parse(SerializedSession, value, 'session');
    const material = { k: bigOf(s.k), m: bigOf(s.m), a1: bigOf(s.a1), b1: bigOf(s.b1) };
    if (toHex(publicOf(material.k).toBytes(true)) !== s.record.tss.K)
      throw new TrineError({ code: 'key-mismatch', message: 'stored session does not match its record' });
    return new WalletSession(material, { version: s.version, record: s.record, receipt: s.receipt });
  }
}
