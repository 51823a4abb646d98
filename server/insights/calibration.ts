import type { Band } from './model';

/**
 * "Most people over-estimate the health of their relationships": the user's own rating (1–5) beside
 * the inferred band, a flag where they disagree, and a map-level warning when every rating glows
 * ("a map with every relationship rated awesome may indicate unwillingness to fight"). Pure.
 */
export type CalibrationFlag = 'overrated' | 'underrated' | 'unbacked' | null;

const LEVEL: Record<Exclude<Band, 'none'>, number> = { poor: 1, fair: 2, good: 3 };
export const selfBand = (rating: number): Exclude<Band, 'none'> =>
  rating >= 4 ? 'good' : rating === 3 ? 'fair' : 'poor';

export function calibrationFlag(rating: number | null, inferred: Band): CalibrationFlag {
  if (rating === null) return null;
  const self = LEVEL[selfBand(rating)];
  // No evidence is not weak evidence: a glowing rating with nothing behind it is "unbacked".
  if (inferred === 'none') return rating >= 4 ? 'unbacked' : null;
  const gap = self - LEVEL[inferred];
  return gap >= 2 || (rating === 5 && gap >= 1) ? 'overrated' : gap <= -2 ? 'underrated' : null;
}

export function glowingWarning(ratings: number[]): string | null {
  if (ratings.length < 4) return null;
  const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  if (ratings.every((r) => r >= 4) || mean >= 4.5)
    return 'Every relationship is rated 4 or 5. A map with every relationship rated awesome may mean some hard conversations are being avoided: which of these would you rate lower if you were honest?';
  return null;
}
