import { tokens } from '@fluentui/react-components';
import { symbol, symbolCircle, symbolDiamond2, symbolTriangle } from 'd3-shape';
import type { Band } from '../../lib/mapApi';

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
/** Stakeholders' dots are outlined in the text colour: visible on every band and in every theme. */
export const STAKEHOLDER_STROKE = tokens.colorNeutralForeground1;

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
