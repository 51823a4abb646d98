/** A date with day, short month and year in the user's locale, or a dash when there is none. */
export const shortDate = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
    : '—';
