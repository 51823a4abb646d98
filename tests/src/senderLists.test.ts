import { describe, expect, it } from 'vitest';
import { withSenderChoice } from '../../src/lib/senderLists';

describe('the user overriding the automated-sender rule for one address', () => {
  const now = { countAsColleagues: ['a@x.example'], markedAutomated: ['tickets@x.example', 'b@x.example'] };

  it('counting one as a colleague takes it off "marked automated", whatever its case', () => {
    expect(withSenderChoice(now, ' B@X.example ', 'countAsColleagues')).toEqual({
      countAsColleagues: ['a@x.example', 'b@x.example'],
      markedAutomated: ['tickets@x.example'],
    });
  });

  it('marking one automated takes it off "count as a colleague", and never lists it twice', () => {
    const once = withSenderChoice(now, 'a@x.example', 'markedAutomated');
    expect(once).toEqual({
      countAsColleagues: [],
      markedAutomated: ['tickets@x.example', 'b@x.example', 'a@x.example'],
    });
    expect(withSenderChoice(once, 'a@x.example', 'markedAutomated')).toEqual(once);
  });

  it('with no choice, takes it out of both: the rule decides again', () => {
    expect(withSenderChoice(now, 'tickets@x.example')).toEqual({
      countAsColleagues: ['a@x.example'],
      markedAutomated: ['b@x.example'],
    });
  });
});
