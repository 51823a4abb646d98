import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../store/schema';

/**
 * The user's own Rapport settings, one JSON document per user, validated on the way in and read
 * with defaults filled in — so a setting added later needs no migration.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
export const userSettingsSchema = z.object({
  /** Keep meeting subjects (mail subjects are never kept). Off by default: metadata only. */
  storeMeetingSubjects: z.boolean().default(false),
  /**
   * Default cadence in days per tier — the manager chain and executives monthly, everyone else
   * quarterly; per-person overrides live on the stakeholder.
   */
  cadenceDays: z
    .object({
      leadership: z.number().int().min(1).max(365).default(30),
      peer: z.number().int().min(1).max(365).default(90),
    })
    .default({ leadership: 30, peer: 90 }),
  /** People with good health wanted per function ("3 deep, 3 wide"). */
  coverageTarget: z.number().int().min(1).max(20).default(3),
  lunchWindow: z
    .object({ start: hhmm.default('11:30'), end: hhmm.default('13:30') })
    .default({ start: '11:30', end: '13:30' }),
  weeklyInviteBudget: z.number().int().min(0).max(20).default(2),
  /** "Don't suggest me to colleagues": never proposed to anyone in the tenant, and no one is told why. */
  doNotSuggestMe: z.boolean().default(false),
  /** Send the week's suggestions without a click, within the weekly budget. Off by default. */
  autoSend: z.boolean().default(false),
  /** Addresses and domains never scored nor suggested. */
  excludedPeople: z.array(z.string().trim().toLowerCase().email()).max(1000).default([]),
  excludedDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain such as contoso.com'),
    )
    .max(200)
    .default([]),
  /** Addresses that look automated (insights/automated.ts) but the user counts as colleagues. */
  countAsColleagues: z.array(z.string().trim().toLowerCase().email()).max(1000).default([]),
  /** Addresses the user says are automated: not counted as colleagues, listed with the rest. */
  markedAutomated: z.array(z.string().trim().toLowerCase().email()).max(1000).default([]),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;
/** A partial update: any subset of the settings (nested objects replaced whole). */
export const userSettingsPatchSchema = z
  .object(
    // Each field as in the settings but without its default: what is absent stays as it was.
    Object.fromEntries(
      Object.entries(userSettingsSchema.shape).map(([k, v]) => [k, v.removeDefault().optional()]),
    ) as unknown as { [K in keyof UserSettings]: z.ZodOptional<z.ZodType<UserSettings[K]>> },
  )
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UserSettingsPatch = Partial<UserSettings>;

export async function getUserSettings(db: Kysely<Schema>, tid: string, oid: string): Promise<UserSettings> {
  const row = await db
    .selectFrom('user_settings')
    .select('settings')
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .executeTakeFirst();
  // A stored document that no longer validates (a setting removed or narrowed) falls back field by field.
  const parsed = userSettingsSchema.safeParse(row?.settings ?? {});
  if (parsed.success) return parsed.data;
  const defaults = userSettingsSchema.parse({});
  const kept = Object.fromEntries(
    Object.entries(row?.settings ?? {}).filter(
      ([k, v]) => k in defaults && userSettingsSchema.shape[k as keyof UserSettings].safeParse(v).success,
    ),
  );
  return userSettingsSchema.parse(kept);
}

/**
 * Applies a validated patch and returns the new settings. Turning meeting subjects on restarts the
 * calendar's delta round so they are fetched; turning them off forgets the stored ones at once.
 */
export async function updateUserSettings(
  db: Kysely<Schema>,
  tid: string,
  oid: string,
  patch: UserSettingsPatch,
): Promise<UserSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getUserSettings(trx, tid, oid);
    const after = userSettingsSchema.parse({ ...before, ...patch });
    await trx
      .insertInto('user_settings')
      .values({ tid, oid, settings: JSON.stringify(after) })
      .onConflict((oc) =>
        oc.columns(['tid', 'oid']).doUpdateSet({ settings: JSON.stringify(after), updated_at: sql`now()` }),
      )
      .execute();
    if (before.storeMeetingSubjects && !after.storeMeetingSubjects) {
      await trx
        .updateTable('interactions')
        .set({ subject: null })
        .where('tid', '=', tid)
        .where('oid', '=', oid)
        .where('subject', 'is not', null)
        .execute();
    }
    if (!before.storeMeetingSubjects && after.storeMeetingSubjects) {
      await trx
        .updateTable('sync_streams')
        .set({ delta_link: null, next_link: null, phase: 'roll', updated_at: new Date() })
        .where('tid', '=', tid)
        .where('oid', '=', oid)
        .where('stream', '=', 'calendar')
        .where('rounds', '>', 0)
        .execute();
    }
    return after;
  });
}
