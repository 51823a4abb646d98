import type { FunctionName } from '../../model';
import type { Rng } from '../random';

/** Subjects of meetings and threads: what a colleague in each function talks about with sales. */

const TOPICS: Partial<Record<FunctionName, string[]>> = {
  'Sales Ops': [
    'Q{q} forecast call prep',
    'Territory plan review',
    'CRM hygiene',
    'Quota attainment check-in',
    'Deal desk: {c} pricing',
  ],
  'Demand Gen/BDR': [
    'Pipeline from the {c} campaign',
    'BDR handoff: {c}',
    'Event follow-ups',
    'Lead routing question',
  ],
  Marketing: ['Customer story: {c}', 'Launch messaging review', 'Field event in {o}', 'Competitive brief'],
  Legal: ['{c} MSA redlines', 'NDA for {c}', 'Data processing addendum', 'Contract review: {c} renewal'],
  Finance: [
    'Discount approval for {c}',
    'Deal structure: {c}',
    'Q{q} commission questions',
    'Budget check-in',
  ],
  Product: ['{c} feature request', 'Roadmap preview for {c}', 'Beta feedback', 'Product gap from {c}'],
  Engineering: ['Escalation: {c} integration', 'Technical deep dive for {c}', 'Security questionnaire'],
  'Customer Service': [
    '{c} onboarding status',
    'Renewal risk: {c}',
    'QBR prep: {c}',
    'Support escalation: {c}',
  ],
  HR: ['Team headcount plan', 'Performance review cycle', 'Offer approval'],
  Recruiting: ['Interview loop: AE candidate', 'Hiring plan for Q{q}', 'Candidate debrief'],
  Executives: ['Strategic account review: {c}', 'Board prep: sales update', 'Executive sponsor for {c}'],
  IT: ['Laptop refresh', 'CRM access request', 'VPN issue'],
  Operations: ['Quarterly business review logistics', 'Process change: approvals', 'OKR check-in'],
  Purchasing: ['Vendor onboarding: {c}', 'PO for event', 'Software renewal'],
  Sales: ['{c} opportunity strategy', 'Deal review: {c}', 'Account planning: {c}', 'Joint call prep: {c}'],
};
const CUSTOMERS = ['Fabrikam', 'Northwind', 'Adatum', 'Tailspin', 'Woodgrove', 'Litware', 'Proseware'];
const OFFICES = ['Seattle', 'New York', 'London', 'Chicago', 'Berlin'];

/** A subject for a meeting or thread with someone in `fn`, with a customer, office or quarter filled in. */
export function topicFor(rng: Rng, fn: FunctionName): string {
  const t = rng.pick(TOPICS[fn] ?? TOPICS.Sales!);
  return t
    .replace('{c}', rng.pick(CUSTOMERS))
    .replace('{o}', rng.pick(OFFICES))
    .replace('{q}', String(rng.int(1, 4)));
}
