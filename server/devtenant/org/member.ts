import type { DirectoryUser, MailboxSettings } from '../model';

/** A person's mailbox settings: a Monday–Friday working week in one Windows time zone. */
export function workWeekSettings(timeZone: string, start = '08:00', end = '17:00'): MailboxSettings {
  return {
    timeZone,
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: `${start}:00.0000000`,
      endTime: `${end}:00.0000000`,
      timeZone: { name: timeZone },
    },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
    userPurpose: 'user',
  };
}

/**
 * An enabled member of the organisation, with Graph's empty values for whatever the source does
 * not know (the generator, the JSONL import and test tenants each set only what they have).
 */
export function memberUser(
  u: Pick<DirectoryUser, 'id' | 'displayName'> & { mail: string } & Partial<DirectoryUser>,
): DirectoryUser {
  const { id, mail, displayName, ...rest } = u;
  // Graph's property order (the spread keeps each key where it is listed here).
  return {
    id,
    userPrincipalName: mail,
    mail,
    proxyAddresses: [`SMTP:${mail}`],
    displayName,
    givenName: null,
    surname: null,
    jobTitle: null,
    department: null,
    officeLocation: null,
    businessPhones: [],
    mobilePhone: null,
    preferredLanguage: 'en-US',
    accountEnabled: true,
    userType: 'Member',
    managerId: null,
    mailboxSettings: workWeekSettings('UTC'),
    ...rest,
  };
}
