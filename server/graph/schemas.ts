import { z } from 'zod';

/**
 * Microsoft Graph's answers as Rapport reads them, declared once and validated at the boundary:
 * a surprise in Graph's data becomes a clear error, never a half-read item. Only the properties
 * Rapport `$select`s (server/graph/urls.ts) are named; Graph may leave out any it has no value for.
 */

/** A page of a collection: users, a delta round's items, the organization. */
export const graphPage = <T extends z.ZodType>(item: T) =>
  z.object({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });

export const graphUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  jobTitle: z.string().nullish(),
  department: z.string().nullish(),
  officeLocation: z.string().nullish(),
  proxyAddresses: z.array(z.string()).nullish(),
  accountEnabled: z.boolean().nullish(),
  userType: z.string().nullish(),
  manager: z.object({ id: z.string() }).nullish(),
});
export type GraphUser = z.infer<typeof graphUserSchema>;

/** A directory entry Rapport keeps: every user has a UPN, the address its other ones hang on. */
export const directoryUserSchema = graphUserSchema.extend({ userPrincipalName: z.string() });

export const graphOrganizationSchema = z.object({
  id: z.string().optional(),
  displayName: z.string().nullish(),
  verifiedDomains: z.array(z.object({ name: z.string() })).optional(),
});

export const mailFolderSchema = z.object({ totalItemCount: z.number() });

export const mailboxSettingsSchema = z.object({
  timeZone: z.string().nullish(),
  workingHours: z
    .object({
      daysOfWeek: z.array(z.string()).nullish(),
      startTime: z.string().nullish(),
      endTime: z.string().nullish(),
      timeZone: z.object({ name: z.string().nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;

const emailAddress = z.object({ address: z.string().nullish(), name: z.string().nullish() }).passthrough();
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

export const graphEventSchema = z.object({
  id: z.string().min(1),
  subject: z.string().nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  showAs: z.string().nullish(),
  type: z.string().nullish(),
  isOrganizer: z.boolean().nullish(),
  responseStatus: z.object({ response: z.string().nullish() }).nullish(),
  organizer: z.object({ emailAddress: emailAddress.nullish() }).nullish(),
  attendees: z
    .array(
      z.object({
        type: z.string().nullish(),
        emailAddress: emailAddress.nullish(),
        status: z.object({ response: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
  iCalUId: z.string().nullish(),
});
export type GraphEvent = z.infer<typeof graphEventSchema>;

export const graphMessageSchema = z.object({
  id: z.string().min(1),
  subject: z.string().nullish(),
  sentDateTime: z.string().nullish(),
  receivedDateTime: z.string().nullish(),
  conversationId: z.string().nullish(),
  from: z.object({ emailAddress: emailAddress.nullish() }).nullish(),
  sender: z.object({ emailAddress: emailAddress.nullish() }).nullish(),
  toRecipients: z.array(z.object({ emailAddress: emailAddress.nullish() })).nullish(),
  ccRecipients: z.array(z.object({ emailAddress: emailAddress.nullish() })).nullish(),
  bccRecipients: z.array(z.object({ emailAddress: emailAddress.nullish() })).nullish(),
  isDraft: z.boolean().nullish(),
});
export type GraphMessage = z.infer<typeof graphMessageSchema>;

/** A recurrence point of a custom time zone: "the 2nd Sunday of March at 02:00" (dayOccurrence 5 = last). */
const timeZoneTransition = z.object({
  time: z.string(),
  dayOccurrence: z.number().int().min(1).max(5),
  dayOfWeek: z.string(),
  month: z.number().int().min(0).max(12),
  year: z.number().int().nullish(),
});

/** A time zone as working hours carry it: a name (Windows or IANA), or a custom definition. */
export const graphTimeZoneSchema = z.union([
  z.object({
    '@odata.type': z.literal('#microsoft.graph.customTimeZone'),
    /** Minutes to add to local standard time for UTC (Pacific: 480). */
    bias: z.number(),
    name: z.string().nullish(),
    standardOffset: timeZoneTransition.nullish(),
    daylightOffset: timeZoneTransition.extend({ daylightBias: z.number() }).nullish(),
  }),
  z.object({ name: z.string() }),
]);
export type GraphTimeZone = z.infer<typeof graphTimeZoneSchema>;

/** One person's answer in `POST /me/calendar/getSchedule`. */
export const graphScheduleInformationSchema = z.object({
  scheduleId: z.string(),
  availabilityView: z.string().nullish(),
  scheduleItems: z
    .array(z.object({ status: z.string(), start: dateTimeTimeZone, end: dateTimeTimeZone }))
    .nullish(),
  workingHours: z
    .object({
      daysOfWeek: z.array(z.string()),
      startTime: z.string(),
      endTime: z.string(),
      timeZone: graphTimeZoneSchema,
    })
    .nullish(),
  /** Set instead of the schedule when Graph cannot read it (unknown address, no permission). */
  error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
});
export type GraphScheduleInformation = z.infer<typeof graphScheduleInformationSchema>;

/** An event as suggestions read it: the attendees' answers and proposed times, Rapport's marks. */
export const graphTrackedEventSchema = graphEventSchema.extend({
  attendees: z
    .array(
      z.object({
        type: z.string().nullish(),
        emailAddress: emailAddress.nullish(),
        status: z.object({ response: z.string().nullish(), time: z.string().nullish() }).nullish(),
        proposedNewTime: z
          .object({ start: dateTimeTimeZone.nullish(), end: dateTimeTimeZone.nullish() })
          .nullish(),
      }),
    )
    .nullish(),
  transactionId: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  webLink: z.string().nullish(),
});
export type GraphTrackedEvent = z.infer<typeof graphTrackedEventSchema>;
