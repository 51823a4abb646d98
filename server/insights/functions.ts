import type { BusinessFunction } from '../domain/functions';

/**
 * Which function (domain/functions.ts) a colleague works in, from the directory's department and
 * job title. Real directories spell departments many ways, so this matches keywords; the user can
 * override any person. Pure.
 */

// The names the classifier assigns, beside it (tests/devtenant/functions.test.ts reads them here).
export { type BusinessFunction, FUNCTIONS } from '../domain/functions';

/** Ordered: the first rule that matches wins, so specific names come before the words they contain. */
const RULES: Array<[BusinessFunction, RegExp]> = [
  ['Recruiting', /\b(talent acquisition|recruit\w*|sourc(er|ing) (team|partner)|sourcer)\b/i],
  ['HR', /\b(human resources|people (&|and) culture|people ops|people operations|hr|hrbp|people)\b/i],
  [
    'Demand Gen/BDR',
    /\b(demand gen\w*|bdr|sdr|business development rep\w*|sales development|lead gen\w*|inside sales)\b/i,
  ],
  ['Sales Ops', /\b(sales op\w*|revenue op\w*|revops|deal desk|sales enablement|crm admin\w*)\b/i],
  ['Legal', /\b(legal|counsel|compliance|paralegal|contracts?)\b/i],
  ['Purchasing', /\b(procurement|purchasing|buyer|vendor management|supply chain)\b/i],
  ['Finance', /\b(finance|financial|accounting|accountant|controller|fp&a|treasury|tax|payroll)\b/i],
  ['IT', /\b(information technology|it|helpdesk|help desk|systems admin\w*|infrastructure|security ops)\b/i],
  ['Customer Service', /\b(customer (success|service|support|care|experience)|support|onboarding)\b/i],
  ['Marketing', /\b(marketing|brand|communications|pr)\b/i],
  ['Product', /\b(product (management|manager|design\w*|owner)|product)\b/i],
  ['Engineering', /\b(engineering|r&d|research|development|software|developer)\b/i],
  ['Operations', /\b(operations|business ops|program manage\w*|strategy & ops)\b/i],
  ['Sales', /\b(sales|account (executive|manager)|regional director|trading|commercial)\b/i],
];
const EXECUTIVE_TITLE =
  /\b(chief \w+( \w+)? officer|c[efortm]o|president|chief of staff|executive office)\b/i;

export function classifyFunction(department: string | null, jobTitle: string | null): BusinessFunction {
  const dept = department ?? '';
  const title = jobTitle ?? '';
  // Executives by title first: a CFO's department is often "Finance" but the map wants them as executives.
  if (EXECUTIVE_TITLE.test(title) || /\bexecutive office\b/i.test(dept)) return 'Executives';
  // The department says where someone sits; the title settles it when the department is vague.
  for (const text of [dept, title]) {
    if (!text.trim()) continue;
    for (const [fn, re] of RULES) if (re.test(text)) return fn;
  }
  return 'Other';
}
