/**
 * The business functions a colleague can work in — the template's list (Recruiting, HR, Demand
 * Gen/BDR, Sales Ops, Legal, Executives, Marketing, Finance, IT, Operations, Customer Service,
 * Purchasing, Product …). The names are on the wire, so the API's contract holds the list; how
 * someone is put in one is the insights' business (insights/functions.ts).
 */
export { type BusinessFunction, FUNCTIONS } from '../../contract/vocabulary';
