/**
 * Every Graph URL Rapport reads, with its `$select`: metadata only, never bodies, and only what the
 * sync and the API use (server/graph/schemas.ts reads the answers). Paths are relative to the
 * client's base URL and version.
 */

/** A person as /api/me shows them. */
export const PERSON_SELECT = 'id,displayName,jobTitle,department,mail,officeLocation,userPrincipalName';

export const meUrl = () => `/me?$select=${PERSON_SELECT}`;
export const managerUrl = (userId: string) =>
  `/users/${encodeURIComponent(userId)}/manager?$select=${PERSON_SELECT}`;
export const organizationUrl = () => '/organization?$select=id,displayName';

/** A department's members, first page (OData string literal escaping; the value is not URL-encoded). */
// The literal is percent-encoded: a department such as "R&D" or "Sales #2" would otherwise end the
// filter early (the SDK sends the path's query as written).
export const departmentMembersUrl = (department: string) =>
  `/users?$filter=department eq '${encodeURIComponent(department.replace(/'/g, "''"))}'&$select=${PERSON_SELECT}&$top=100`;

/** The tenant directory: people with their addresses and managers, a page as large as Graph allows. */
export const DIRECTORY_USERS_URL =
  '/users?$select=id,mail,userPrincipalName,proxyAddresses,displayName,jobTitle,department,officeLocation,accountEnabled,userType&$expand=manager($select=id)&$top=999';
export const VERIFIED_DOMAINS_URL = '/organization?$select=verifiedDomains';

/** Time zone and working hours: what scheduling needs to propose lunch in the user's day. */
export const MAILBOX_SETTINGS_URL = '/me/mailboxSettings?$select=timeZone,workingHours';

/** A mail folder's size, for a backfill's progress and ETA. */
export const mailFolderSizeUrl = (folder: string) =>
  `/me/mailFolders/${encodeURIComponent(folder)}?$select=totalItemCount`;

/** The primary calendar's delta round over a window (the window is fixed in its delta token). */
export const calendarDeltaUrl = (start: Date, end: Date) =>
  `/me/calendarView/delta?startDateTime=${start.toISOString()}&endDateTime=${end.toISOString()}`;

const MESSAGE_SELECT =
  'id,subject,sentDateTime,receivedDateTime,conversationId,from,sender,toRecipients,ccRecipients,bccRecipients,isDraft';
/** A mail folder's message delta round: who, when and which thread, never bodies. */
export const mailDeltaUrl = (folder: string) =>
  `/me/mailFolders/${encodeURIComponent(folder)}/messages/delta?$select=${MESSAGE_SELECT}`;

/**
 * Free/busy and working hours of up to 20 people over less than 62 days (Graph's limits). Asked
 * with `Prefer: outlook.timezone="UTC"` so schedule items come back in UTC.
 */
export const GET_SCHEDULE_URL = '/me/calendar/getSchedule';
export const GET_SCHEDULE_MAX_PEOPLE = 20;
export const GET_SCHEDULE_MAX_DAYS = 62;

/** The fields Rapport reads back from its own invitations and from upcoming meetings. */
const TRACKED_EVENT_SELECT =
  'id,subject,start,end,isAllDay,isCancelled,isOrganizer,organizer,attendees,type,transactionId,categories,iCalUId';
/**
 * The user's calendar over a window, occurrences expanded (what bring-a-colleague and the answers
 * to Rapport's invites read), as large pages as Graph allows.
 */
export const calendarViewUrl = (start: Date, end: Date) =>
  `/me/calendarView?startDateTime=${start.toISOString()}&endDateTime=${end.toISOString()}&$select=${TRACKED_EVENT_SELECT}&$top=1000`;
export const CALENDAR_VIEW_PAGE = 1000;
/** Creating an event sends its invitations (Graph has no draft step). */
export const EVENTS_URL = '/me/events';
export const eventUrl = (id: string) => `/me/events/${encodeURIComponent(id)}`;
/** An attendee forwards a meeting they do not organise. */
export const forwardEventUrl = (id: string) => `/me/events/${encodeURIComponent(id)}/forward`;
