/** Whether the user has chosen this person as a stakeholder (accepted, not merely proposed). */
export const isStakeholder = (p: { stakeholder: { status: string } | null }) =>
  p.stakeholder?.status === 'accepted';
