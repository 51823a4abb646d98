/**
 * Teams deep links (documented at Microsoft Learn, "deep links to chat" and "deep link to
 * schedule a meeting"): a chat with a colleague, and a new-meeting form with attendees and a
 * subject filled in. They work from the Teams tab (through teams-js `app.openLink`) and from any
 * browser (Teams on the web or the desktop app takes them).
 */
const TEAMS = 'https://teams.microsoft.com';

export function chatLink(emails: string[], message?: string): string {
  const q = new URLSearchParams({ users: emails.join(',') });
  if (message) q.set('message', message);
  return `${TEAMS}/l/chat/0/0?${q.toString()}`;
}

export function meetingLink(o: {
  attendees: string[];
  subject: string;
  content?: string;
  start?: Date;
  end?: Date;
}): string {
  const q = new URLSearchParams({ subject: o.subject, attendees: o.attendees.join(',') });
  if (o.start) q.set('startTime', o.start.toISOString());
  if (o.end) q.set('endTime', o.end.toISOString());
  if (o.content) q.set('content', o.content);
  return `${TEAMS}/l/meeting/new?${q.toString()}`;
}
