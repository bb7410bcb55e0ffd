/**
 * Named development accounts of the local OpenID provider. Each has a stable `sub`, so a
 * wallet registered as alice is found again after a restart of the whole stack.
 */
export type DevAccount = { id: string; sub: string; name: string; email: string };

export const devAccounts: readonly DevAccount[] = ['alice', 'bob', 'carol', 'dave', 'erin'].map((id) => ({
  id,
  sub: `dev-${id}`,
  name: id[0]?.toUpperCase() + id.slice(1),
  email: `${id}@trine.local`,
}));

/**
 * Test identities: `test-<name>` (or its sub `dev-test-<name>`) signs in a throw-away user,
 * so automated tests can create as many distinct wallets as they need. Not on the login page.
 */
const TEST_ACCOUNT = /^(?:dev-)?(test-[a-z0-9-]{1,48})$/;

/** The account with this id or sub, if any. */
export function findDevAccount(idOrSub: string): DevAccount | undefined {
  const named = devAccounts.find((a) => a.id === idOrSub || a.sub === idOrSub);
  if (named) return named;
  const id = TEST_ACCOUNT.exec(idOrSub)?.[1];
  return id ? { id, sub: `dev-${id}`, name: id, email: `${id}@trine.local` } : undefined;
}
