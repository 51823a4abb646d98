/**
 * One person, one address: the address Rapport keys a directory person by, whichever of their
 * addresses (mail, UPN, proxy and X.500 addresses, aliases) a message or meeting used. Their
 * `mail`, else their UPN — the first of the addresses the directory sync stores. Sync, insights
 * and suggestions share it, so a colleague writing from an alias is one row everywhere.
 */
export function primaryAddress(p: { mail: string | null; addresses: readonly string[] }): string | null {
  return (p.mail ?? p.addresses[0] ?? null)?.toLowerCase() ?? null;
}
