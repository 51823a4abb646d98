import type { RelationshipMap } from './map';

/**
 * The map as the template's table in CSV. Cells that a spreadsheet would run as a formula
 * (=, +, -, @ first) are prefixed with a quote: exported notes must not become code.
 */
const cell = (v: unknown): string => {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const MAP_CSV_COLUMNS = [
  'Person',
  'Email',
  'Function',
  'Title',
  'On my map',
  'Role',
  'Why they matter',
  'Self rating',
  'Inferred health',
  'Band',
  'Strength',
  'Last contact',
  'Trend',
  'Due date',
  'Next action',
  'Evidence',
] as const;

export function mapToCsv(map: RelationshipMap): string {
  const rows = map.people.map((p) => [
    p.displayName,
    p.address,
    p.function,
    p.jobTitle,
    p.stakeholder?.status ?? '',
    p.stakeholder?.roleTag ?? '',
    p.stakeholder?.why ?? '',
    p.calibration.selfRating ?? '',
    p.health.score ?? '',
    p.health.band,
    p.strength,
    p.evidence?.lastContact?.slice(0, 10) ?? '',
    p.health.trend ?? '',
    p.health.dueDate?.slice(0, 10) ?? '',
    p.nextAction ?? '',
    p.explanation,
  ]);
  return [MAP_CSV_COLUMNS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
