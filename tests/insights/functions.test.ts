import { describe, expect, it } from 'vitest';
import { generateOrg } from '../../server/devtenant/org/generate';
import { classifyFunction } from '../../server/insights/functions';

describe('function classifier', () => {
  it('puts every colleague of the generated organisation in their function, from department and title only', () => {
    const org = generateOrg({ seed: 'functions', people: 300 });
    const wrong = org.users
      .filter((u) => u.truthFunction && u.department)
      .filter((u) => classifyFunction(u.department, u.jobTitle) !== u.truthFunction)
      .map(
        (u) =>
          `${u.department} / ${u.jobTitle}: ${classifyFunction(u.department, u.jobTitle)} ≠ ${u.truthFunction}`,
      );
    expect(org.users.filter((u) => u.truthFunction && u.department).length).toBeGreaterThan(250);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['Human Resources', 'HR Generalist', 'HR'],
    ['Talent Acquisition', 'Technical Sourcer', 'Recruiting'],
    ['Revenue Operations', 'Analyst', 'Sales Ops'],
    ['Finance', 'Chief Financial Officer', 'Executives'],
    ['Corporate', 'Assistant General Counsel', 'Legal'],
    [null, 'Business Development Representative', 'Demand Gen/BDR'],
    ['Global Procurement', 'Category Manager', 'Purchasing'],
    ['IT', 'Service Desk Lead', 'IT'],
    ['Customer Care', 'Agent', 'Customer Service'],
    ['Trading', 'VP Trading', 'Sales'],
    [null, null, 'Other'],
    ['Facilities', 'Coordinator', 'Other'],
  ])('%s / %s → %s', (dept, title, fn) => {
    expect(classifyFunction(dept, title)).toBe(fn);
  });
});
