/** The two lists by which a user overrides Rapport's "automated sender" rule (Settings). */
export interface SenderLists {
  countAsColleagues: string[];
  markedAutomated: string[];
}

/**
 * The lists after the user's choice for one address: in `add` (if given) and out of the other, so
 * an address is never in both; with no `add`, only taken out (the rule decides again).
 */
export function withSenderChoice(now: SenderLists, address: string, add?: keyof SenderLists): SenderLists {
  const a = address.trim().toLowerCase();
  const without = (xs: string[]) => xs.filter((x) => x !== a);
  return {
    countAsColleagues: [...without(now.countAsColleagues), ...(add === 'countAsColleagues' ? [a] : [])],
    markedAutomated: [...without(now.markedAutomated), ...(add === 'markedAutomated' ? [a] : [])],
  };
}
