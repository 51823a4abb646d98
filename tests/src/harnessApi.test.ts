import { describe, expect, it } from 'vitest';
import { readDirectory, readInbox } from '../../src/harness/api';

const inbox = {
  mailbox: { displayName: 'Megan Bowen', emailAddress: 'megan@contoso.example', timeZone: 'UTC', extra: 1 },
  messages: [
    {
      id: 'm1',
      subject: 'Hello',
      receivedDateTime: null,
      from: { displayName: 'Ann', emailAddress: 'ann@contoso.example' },
      to: [{ displayName: 'Megan Bowen', emailAddress: 'megan@contoso.example' }],
      cc: [],
    },
  ],
};

describe("the harness's answer checks", () => {
  it('reads a good inbox, keeping only the fields it knows', () => {
    const read = readInbox(inbox);
    expect(read.mailbox).toEqual({
      displayName: 'Megan Bowen',
      emailAddress: 'megan@contoso.example',
      timeZone: 'UTC',
    });
    expect(read.messages[0]!.from?.emailAddress).toBe('ann@contoso.example');
    expect(readInbox({ ...inbox, messages: [{ ...inbox.messages[0], from: null }] }).messages[0]!.from).toBe(
      null,
    );
  });

  it('names the field of a bad answer', () => {
    expect(() => readInbox({ ...inbox, messages: [{ ...inbox.messages[0], subject: 3 }] })).toThrow(
      'messages[0].subject is not a string',
    );
    expect(() => readInbox({ mailbox: inbox.mailbox })).toThrow('messages is not an array');
    expect(() => readInbox(null)).toThrow('the body is not an object');
    expect(() => readDirectory({ people: [{ displayName: 'A', mail: 'a@x' }] })).toThrow(
      'people[0].jobTitle is not a string or null',
    );
    expect(
      readDirectory({ people: [{ displayName: 'A', mail: 'a@x', jobTitle: null }] }).people,
    ).toHaveLength(1);
  });
});
