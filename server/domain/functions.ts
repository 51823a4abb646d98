/**
 * The business functions a colleague can work in — the template's list (Recruiting, HR, Demand
 * Gen/BDR, Sales Ops, Legal, Executives, Marketing, Finance, IT, Operations, Customer Service,
 * Purchasing, Product …). How someone is put in one is the insights' business (insights/functions.ts).
 */
export const FUNCTIONS = [
  'Executives',
  'Sales',
  'Sales Ops',
  'Demand Gen/BDR',
  'Marketing',
  'Product',
  'Engineering',
  'Customer Service',
  'Finance',
  'Legal',
  'HR',
  'Recruiting',
  'IT',
  'Operations',
  'Purchasing',
  'Other',
] as const;
export type BusinessFunction = (typeof FUNCTIONS)[number];
