import type { Absences } from './absences';
import type { Timeline } from './timeline';
import type { Tie } from './types';

/**
 * The truth as the events can show it. A tie's latent strength drives its traffic only while both
 * people are in the organisation: before a new hire joins, nothing of the tie is ever drawn. So the
 * truth reports the tie as zero in the months before both were there, and a tie that began inside
 * the history (with someone who joined) is 'growing' from nothing, whatever trend its sampled
 * months had: "cooling" from a level nobody could see is not a cooling anyone can observe.
 *
 * Applied after the traffic is planned, to the reported truth only: the random stream, and so
 * every generated item, is unchanged.
 */
export function observableTies(ties: Tie[], absences: Absences, timeline: Timeline): Tie[] {
  return ties.map((t) => {
    const joined = Math.max(absences.joined[t.a] ?? 0, absences.joined[t.b] ?? 0);
    if (joined <= timeline.monthStarts[0]!) return t;
    const from = timeline.monthOf(joined);
    const monthly = t.monthly.map((s, m) => (m < from ? 0 : s));
    return { ...t, monthly, trend: t.trend === 'never' ? 'never' : 'growing', confounders: t.confounders };
  });
}
