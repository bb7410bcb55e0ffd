/** POSTs as a client behind a proxy, for the per-address rate-limit tests of both servers. */

/** One POST of `body` with an optional X-Forwarded-For; the answer's status. */
export async function postAs(url: string, forwardedFor?: string, body = '{}'): Promise<number> {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body,
  });
  await r.text();
  return r.status;
}

/** `count` POSTs one after another, the i-th with `forwardedFor(i)`; their statuses. */
export async function burstAs(
  url: string,
  forwardedFor: (i: number) => string | undefined,
  count = 6,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push(await postAs(url, forwardedFor(i)));
  return statuses;
}
