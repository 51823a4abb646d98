import type { Band, MapPerson } from './mapApi';

/** A relationship's health in words: the map, the table and the person panel say it alike. */
export const BAND_LABEL: Record<Band, string> = {
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  none: 'No evidence',
};
export const FLAG_LABEL = {
  overrated: 'you rate it higher than the evidence',
  underrated: 'you rate it lower than the evidence',
  unbacked: 'a high rating with no evidence',
} as const;

export function healthText(p: MapPerson): string {
  const band = BAND_LABEL[p.health.band];
  const flag = p.calibration.flag ? `; check: ${FLAG_LABEL[p.calibration.flag]}` : '';
  return `${band} health${flag}`;
}
