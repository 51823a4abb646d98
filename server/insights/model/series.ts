import type { ModelConfig } from './config';
import {
  closeWeek,
  noWeek,
  concave,
  evidenceAt,
  evidenceOfSums,
  type PreparedInteraction,
  type Sums,
  sumMail,
  zeroSums,
} from './strength';

const DAY = 86_400_000;
const MAIL_KEYS = ['sent', 'received', 'quick', 'weeks', 'twoWayWeeks'] as const;

/**
 * E' (evidenceAt's evidence) at each of several ascending instants, in one pass over a
 * counterpart's prepared interactions instead of one pass per instant: the sums are carried from
 * one instant to the next by the decay between them, which is what exponential decay allows
 * (S(t₂) = S(t₁)·½^((t₂−t₁)/h) + what happened in (t₁, t₂]). The terms are the kernel's, added in
 * another order, so each figure equals evidenceAt's up to floating-point rounding; the last instant
 * is summed by the kernel itself, so it is exactly the score's. Breadth (a conversation counts at
 * its latest mail, which can move back in the order) is summed directly.
 */
export function evidenceSeries(
  prepared: readonly PreparedInteraction[],
  instants: readonly number[],
  config: ModelConfig,
): number[] {
  const last = instants.length - 1;
  if (config.breadthWeight > 0 || last < 1)
    return instants.map((t) => evidenceAt(prepared as PreparedInteraction[], t, config));
  const short = zeroSums();
  const long = zeroSums();
  const slots = new Map<string, { short: number; long: number }>();
  const byWeek = config.regularityWeight > 0 || config.twoWayWeekWeight > 0;
  const week = byWeek ? noWeek() : null;
  let at = Number.NaN;
  let k = 0;
  const out: number[] = [];
  for (let j = 0; j < last; j++) {
    const now = instants[j]!;
    if (!Number.isNaN(at)) {
      const fs = 0.5 ** ((now - at) / DAY / config.halfLifeDays);
      const fl = 0.5 ** ((now - at) / DAY / config.longHalfLifeDays);
      for (const key of MAIL_KEYS) {
        short[key] *= fs;
        long[key] *= fl;
      }
      for (const s of slots.values()) {
        s.short *= fs;
        s.long *= fl;
      }
    }
    at = now;
    for (; k < prepared.length && prepared[k]!.t <= now; k++) {
      const p = prepared[k]!;
      const age = (now - p.t) / DAY;
      if (p.slot !== null) {
        const s = slots.get(p.slot) ?? { short: 0, long: 0 };
        s.short += p.w * 0.5 ** (age / config.halfLifeDays);
        s.long += p.w * 0.5 ** (age / config.longHalfLifeDays);
        slots.set(p.slot, s);
        continue;
      }
      const ds = 0.5 ** (age / config.halfLifeDays);
      const dl = 0.5 ** (age / config.longHalfLifeDays);
      // A completed week joins the carried sums; the open one is added at each instant below.
      sumMail(p, ds, dl, p.fastReply, short, long, week, now, config);
    }
    if (k === 0) {
      out.push(0);
      continue;
    }
    // At this instant: the slots' diminishing returns, and the week still open (its latest mail
    // may yet move), neither of which is carried.
    const s: Sums = { ...short, meetings: 0 };
    const l: Sums = { ...long, meetings: 0 };
    for (const x of slots.values()) {
      s.meetings += concave(x.short, config.recurringKnee);
      l.meetings += concave(x.long, config.recurringKnee);
    }
    if (week) closeWeek(s, l, now, config, week);
    out.push(evidenceOfSums({ short: s, long: l }, config).evidence);
  }
  out.push(evidenceAt(prepared as PreparedInteraction[], instants[last]!, config));
  return out;
}
