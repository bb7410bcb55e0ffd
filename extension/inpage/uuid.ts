/**
 * A random (version 4) UUID, RFC 9562 §5.4. `crypto.randomUUID` exists only in secure
 * contexts, and the provider also runs on plain http pages, so build it from
 * `getRandomValues`, which exists everywhere.
 */
export function uuidV4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
