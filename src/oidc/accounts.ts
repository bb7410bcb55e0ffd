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

/** The account with this id or sub, if any. */
export function findDevAccount(idOrSub: string): DevAccount | undefined {
  return devAccounts.find((a) => a.id === idOrSub || a.sub === idOrSub);
}
