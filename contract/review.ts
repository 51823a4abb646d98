import { z } from 'zod';
import { dueEntry } from './map';
import { instant } from './vocabulary';

const bandChange = z.object({
  address: z.string(),
  displayName: z.string(),
  from: z.string(),
  to: z.string(),
});

/** `GET /api/review`: the monthly review against last month's snapshot. */
export const reviewResponse = z.object({
  /** The month of the snapshot compared with; null when there is none yet. */
  since: z.string().nullable(),
  slipped: z.array(bandChange),
  improved: z.array(bandChange),
  newPeople: z.array(z.object({ address: z.string(), displayName: z.string(), strength: z.number() })),
  due: z.array(dueEntry),
  reRate: z.array(
    z.object({
      address: z.string(),
      displayName: z.string(),
      selfRating: z.number().nullable(),
      band: z.string(),
    }),
  ),
  coverage: z.array(
    z.object({ name: z.string(), good: z.number(), was: z.number().nullable(), target: z.number() }),
  ),
  /** Accepted stakeholders: with none, "nobody due" means "nobody chosen yet". */
  stakeholders: z.number().int(),
  /** People proposed as stakeholders across the functions. */
  proposals: z.number().int(),
  suggestedActions: z.array(z.string()),
});

/** `POST /api/snapshots`: the month kept, under the model version that scored it. */
export const snapshotTakenResponse = z.object({ month: z.string(), modelVersion: z.string() });

const snapshotInfo = z.object({ month: z.string(), modelVersion: z.string(), createdAt: instant });

/** `GET /api/snapshots`: the months kept, newest first (payloads left out). */
export const snapshotsResponse = z.object({ snapshots: z.array(snapshotInfo) });

/** `GET /api/snapshots/{month}`: a month's snapshots, one per model version, with their payloads. */
export const monthSnapshotsResponse = z.object({
  snapshots: z.array(snapshotInfo.extend({ payload: z.unknown() })),
});

export type ReviewResponse = z.infer<typeof reviewResponse>;
