/** The domain of an e-mail address: everything after its last '@'. */
export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * Whether an address belongs to the organisation: its domain is one of the tenant's verified
 * domains or a subdomain of one (mail.contoso.com under contoso.com). The one rule sync, the map
 * and the person card share, so a colleague is a colleague everywhere.
 */
export function isInternalAddress(address: string, internalDomains: readonly string[]): boolean {
  const d = domainOf(address);
  return internalDomains.some((x) => d === x || d.endsWith(`.${x}`));
}
