/**
 * Connected sites — owned by issue 8 (helper-8): the sites with permission to see the
 * address, and revoking them. The popup's section bar already routes here; replace this
 * placeholder with the real screen (keep the export name `Sites`).
 */
export function Sites() {
  return (
    <section class="stack" aria-labelledby="sites-title">
      <h1 id="sites-title">Connected sites</h1>
      <p class="muted">Sites you connect the wallet to will be listed here.</p>
    </section>
  );
}
