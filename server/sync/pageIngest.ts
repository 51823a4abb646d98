import type { Interaction } from '../domain/interaction';
import { graphEventSchema, graphMessageSchema } from '../graph/schemas';
import { eventInteractions, type ExtractionContext, messageInteractions } from './interactions';
import type { StreamName } from './streamSync';

/** What one delta page brings: the items it touches, their interactions, and its counts. */
export interface PageIngest {
  /** Every item id on the page, removed ones included: their old rows are replaced. */
  touched: string[];
  interactions: Interaction[];
  items: number;
  /** Items without an id or not shaped like an event or a message. */
  skipped: number;
  removed: number;
}

/**
 * A delta page's items to interaction rows and counters — pure, so it runs outside the page's
 * transaction, which then holds only the database work.
 */
export function ingestPage(
  items: Array<Record<string, unknown>>,
  stream: StreamName,
  context: ExtractionContext,
): PageIngest {
  const folder = stream === 'calendar' ? '' : stream.slice('mail:'.length);
  const out: PageIngest = { touched: [], interactions: [], items: 0, skipped: 0, removed: 0 };
  for (const item of items) {
    const id = typeof item.id === 'string' ? item.id : null;
    if (!id) {
      out.skipped++;
      continue;
    }
    out.touched.push(id);
    if (item['@removed']) {
      out.removed++;
      continue;
    }
    if (stream === 'calendar') {
      const e = graphEventSchema.safeParse(item);
      if (!e.success) {
        out.skipped++;
        continue;
      }
      out.interactions.push(...eventInteractions(e.data, context));
    } else {
      const m = graphMessageSchema.safeParse(item);
      if (!m.success) {
        out.skipped++;
        continue;
      }
      out.interactions.push(...messageInteractions(m.data, folder, context));
    }
    out.items++;
  }
  return out;
}
