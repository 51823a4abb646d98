import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  directoryUserSchema,
  graphEventSchema,
  graphMessageSchema,
  graphOrganizationSchema,
  graphPage,
  graphUserSchema,
  mailboxSettingsSchema,
} from '../../server/graph/schemas';
import * as urls from '../../server/graph/urls';

/** The wire schemas read the Graph docs' own examples; the URLs ask for metadata only. */
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/graph', name), 'utf8'));

describe('Graph wire schemas, on the docs’ examples', () => {
  it('users: one, a page for the directory, a manager', () => {
    expect(graphUserSchema.parse(fixture('user-get.response.json')).displayName).toBe('Adele Vance');
    const page = graphPage(directoryUserSchema).parse(fixture('user-list.response.json'));
    expect(page.value.length).toBeGreaterThan(1);
    expect(graphUserSchema.parse(fixture('user-list-manager.response.json')).jobTitle).toBe('Finance VP');
  });

  it('the organization with its verified domains', () => {
    const org = graphOrganizationSchema
      .required({ verifiedDomains: true })
      .parse(fixture('organization-get.response.json'));
    expect(org.verifiedDomains.length).toBeGreaterThan(0);
  });

  it('mailbox settings', () => {
    expect(
      mailboxSettingsSchema.parse(fixture('user-get-mailboxsettings.response.json')).timeZone,
    ).toBeTruthy();
  });

  it('delta pages: messages with a nextLink, events with a deltaLink and removals', () => {
    const messages = graphPage(graphMessageSchema).parse(fixture('delta-query-messages.step1.response.json'));
    expect(messages['@odata.nextLink']).toMatch(/skiptoken/);
    expect(messages.value.length).toBeGreaterThan(0);
    const events = graphPage(z.record(z.string(), z.unknown())).parse(
      fixture('delta-query-events.step3.response.json'),
    );
    expect(events['@odata.deltaLink']).toMatch(/deltatoken/);
    for (const e of events.value.filter((x) => !x['@removed']))
      expect(graphEventSchema.safeParse(e).success).toBe(true);
  });
});

describe('Graph URLs', () => {
  it('never select bodies', () => {
    const all = [
      urls.meUrl(),
      urls.managerUrl('u'),
      urls.organizationUrl(),
      urls.departmentMembersUrl('Sales'),
      urls.DIRECTORY_USERS_URL,
      urls.VERIFIED_DOMAINS_URL,
      urls.MAILBOX_SETTINGS_URL,
      urls.mailFolderSizeUrl('inbox'),
      urls.mailDeltaUrl('inbox'),
    ];
    for (const u of all) {
      expect(u).toMatch(/\$select=/);
      expect(u).not.toMatch(/body|bodyPreview|uniqueBody|attachments/i);
    }
  });

  it('encodes path segments and escapes OData literals', () => {
    expect(urls.mailDeltaUrl('sent items')).toMatch(/^\/me\/mailFolders\/sent%20items\/messages\/delta\?/);
    expect(urls.managerUrl('a/b')).toBe(`/users/a%2Fb/manager?$select=${urls.PERSON_SELECT}`);
    expect(urls.departmentMembersUrl("O'Brien's")).toContain("$filter=department eq 'O''Brien''s'");
    // A department with &, # or + keeps its whole filter (it used to end at the '&').
    for (const department of ['R&D', 'Sales #2', 'C++ tools', '100% Club']) {
      const query = new URL(`https://graph.test${urls.departmentMembersUrl(department)}`).searchParams;
      expect(query.get('$filter')).toBe(`department eq '${department}'`);
      expect(query.get('$top')).toBe('100');
    }
    const start = new Date('2025-01-01T00:00:00Z');
    expect(urls.calendarDeltaUrl(start, new Date('2025-04-01T00:00:00Z'))).toBe(
      '/me/calendarView/delta?startDateTime=2025-01-01T00:00:00.000Z&endDateTime=2025-04-01T00:00:00.000Z',
    );
  });
});
