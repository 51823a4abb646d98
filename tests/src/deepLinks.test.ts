import { describe, expect, it } from 'vitest';
import { chatLink, meetingLink } from '../../src/lib/deepLinks';

describe('Teams deep links', () => {
  it('opens a chat with a colleague, message prefilled and encoded', () => {
    const url = new URL(chatLink(['ann.lee@contoso.com'], 'Lunch this week? 🍜'));
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/chat/0/0');
    expect(url.searchParams.get('users')).toBe('ann.lee@contoso.com');
    expect(url.searchParams.get('message')).toBe('Lunch this week? 🍜');
  });

  it('opens a new meeting with attendees, subject, times and an agenda', () => {
    const url = new URL(
      meetingLink({
        attendees: ['ann@contoso.com', 'bob@contoso.com'],
        subject: 'Coffee & catch-up',
        content: 'What are your priorities this quarter?',
        start: new Date('2026-12-03T12:00:00Z'),
        end: new Date('2026-12-03T12:30:00Z'),
      }),
    );
    expect(url.pathname).toBe('/l/meeting/new');
    expect(url.searchParams.get('attendees')).toBe('ann@contoso.com,bob@contoso.com');
    expect(url.searchParams.get('subject')).toBe('Coffee & catch-up');
    expect(url.searchParams.get('startTime')).toBe('2026-12-03T12:00:00.000Z');
    expect(url.searchParams.get('content')).toMatch(/priorities/);
  });
});
