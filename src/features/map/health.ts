import { tokens } from '@fluentui/react-components';
import { symbol, symbolCircle, symbolDiamond2, symbolTriangle } from 'd3-shape';
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

/**
 * Each band has its own shape as well as its colour — circle, diamond, triangle, hollow circle — so
 * health still reads where colour does not: high-contrast themes (one colour for all) and colour
 * blindness. Paths centred on 0,0 for a dot of radius `r` (equal areas look equally heavy).
 */
export function bandPath(band: Band, r: number): string {
  const area = Math.PI * r * r;
  const shape = band === 'fair' ? symbolDiamond2 : band === 'poor' ? symbolTriangle : symbolCircle;
  return symbol(shape, band === 'poor' ? area * 1.15 : area)()!;
}
