import { tokens } from '@fluentui/react-components';
import type { Band, MapPerson } from './api';

/** Health bands in Fluent palette tokens: they follow the light, dark and high-contrast themes. */
export const BAND_COLOR: Record<Band, string> = {
  good: tokens.colorPaletteGreenBackground3,
  fair: tokens.colorPaletteMarigoldBackground3,
  poor: tokens.colorPaletteRedBackground3,
  none: tokens.colorNeutralBackground5,
};
export const BAND_STROKE: Record<Band, string> = {
  good: tokens.colorPaletteGreenBorderActive,
  fair: tokens.colorPaletteMarigoldBorderActive,
  poor: tokens.colorPaletteRedBorderActive,
  none: tokens.colorNeutralStroke1,
};
export const FLAG_COLOR = tokens.colorPaletteBerryForeground1;
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

export const shortDate = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
    : '—';
