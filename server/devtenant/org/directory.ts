import type { DirectoryUser, FunctionName, OrganizationInfo } from '../model';
import { EXTERNAL_ORGS, GIVEN_NAMES, SURNAMES } from './names';
import { memberUser, workWeekSettings } from './member';
import { guid, type Rng } from './random';
import type { WindowsZone } from './time';

/**
 * The generated directory: a CEO, executives heading groups of functions, function heads, managers
 * and individual contributors, with titles and department strings as real directories have them,
 * several time zones, assistants for executives, a few rooms, guests and disabled accounts.
 */

export interface Person {
  user: DirectoryUser;
  fn: FunctionName;
  zone: WindowsZone;
  /** 0 = CEO, 1 = executive, 2 = function head, 3 = director/manager, 4 = individual contributor. */
  level: number;
  /** Index of the executive this person is assistant to, if any. */
  assistantOf: number | null;
  /** Joined recently (little history). */
  newHire: boolean;
  persona?: keyof typeof PERSONAS;
}

export interface ExternalContact {
  name: string;
  address: string;
  org: string;
  kind: 'customer' | 'partner';
}

export interface Directory {
  org: OrganizationInfo;
  domain: string;
  people: Person[];
  rooms: DirectoryUser[];
  externals: ExternalContact[];
  demoUserIndex: number;
}

/** Share of the workforce per function (Executives are placed by hand). */
const SHARES: Array<[FunctionName, number, string]> = [
  ['Sales', 0.25, 'Sales'],
  ['Engineering', 0.15, 'Engineering'],
  ['Customer Service', 0.08, 'Customer Success'],
  ['Demand Gen/BDR', 0.07, 'Demand Generation'],
  ['Marketing', 0.07, 'Marketing'],
  ['Product', 0.06, 'Product Management'],
  ['Finance', 0.05, 'Finance'],
  ['Sales Ops', 0.04, 'Sales Operations'],
  ['IT', 0.04, 'Information Technology'],
  ['Operations', 0.04, 'Business Operations'],
  ['HR', 0.035, 'People & Culture'],
  ['Recruiting', 0.03, 'Talent Acquisition'],
  ['Legal', 0.025, 'Legal & Compliance'],
  ['Purchasing', 0.02, 'Procurement'],
];

const HEAD_TITLE: Record<FunctionName, string> = {
  Executives: 'Chief Executive Officer',
  Sales: 'VP, Sales',
  'Sales Ops': 'Director, Sales Operations',
  'Demand Gen/BDR': 'Director, Demand Generation',
  Marketing: 'VP, Marketing',
  Product: 'VP, Product',
  Engineering: 'VP, Engineering',
  'Customer Service': 'VP, Customer Success',
  Finance: 'VP, Finance',
  Legal: 'General Counsel',
  HR: 'VP, People',
  Recruiting: 'Head of Talent Acquisition',
  IT: 'Director, IT',
  Operations: 'VP, Operations',
  Purchasing: 'Procurement Lead',
};
const MANAGER_TITLE: Record<FunctionName, string> = {
  Executives: 'Chief of Staff',
  Sales: 'Sales Manager',
  'Sales Ops': 'Sales Operations Manager',
  'Demand Gen/BDR': 'BDR Manager',
  Marketing: 'Marketing Manager',
  Product: 'Group Product Manager',
  Engineering: 'Engineering Manager',
  'Customer Service': 'Customer Success Manager Lead',
  Finance: 'Controller',
  Legal: 'Senior Counsel',
  HR: 'HR Business Partner Lead',
  Recruiting: 'Recruiting Manager',
  IT: 'IT Manager',
  Operations: 'Operations Manager',
  Purchasing: 'Senior Buyer',
};
const IC_TITLES: Record<FunctionName, string[]> = {
  Executives: ['Executive Assistant'],
  Sales: ['Account Executive', 'Senior Account Executive', 'Solutions Engineer'],
  'Sales Ops': ['Sales Operations Analyst', 'Deal Desk Analyst', 'CRM Administrator'],
  'Demand Gen/BDR': ['Business Development Representative', 'Sales Development Representative'],
  Marketing: ['Product Marketing Manager', 'Field Marketing Manager', 'Content Marketing Manager'],
  Product: ['Product Manager', 'Senior Product Manager', 'Product Designer'],
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Site Reliability Engineer'],
  'Customer Service': ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
  Finance: ['Financial Analyst', 'Revenue Accountant', 'FP&A Analyst'],
  Legal: ['Commercial Counsel', 'Paralegal', 'Contracts Manager'],
  HR: ['HR Business Partner', 'People Operations Specialist'],
  Recruiting: ['Recruiter', 'Sourcer'],
  IT: ['IT Support Engineer', 'Systems Administrator'],
  Operations: ['Business Operations Analyst', 'Program Manager'],
  Purchasing: ['Buyer', 'Procurement Analyst'],
};
/** Which executive each function reports to (by executive title). */
const EXEC_OF: Record<FunctionName, string> = {
  Executives: 'Chief Executive Officer',
  Sales: 'Chief Revenue Officer',
  'Sales Ops': 'Chief Revenue Officer',
  'Demand Gen/BDR': 'Chief Marketing Officer',
  Marketing: 'Chief Marketing Officer',
  Product: 'Chief Technology Officer',
  Engineering: 'Chief Technology Officer',
  'Customer Service': 'Chief Operating Officer',
  Finance: 'Chief Financial Officer',
  Legal: 'Chief Executive Officer',
  HR: 'Chief Operating Officer',
  Recruiting: 'Chief Operating Officer',
  IT: 'Chief Operating Officer',
  Operations: 'Chief Operating Officer',
  Purchasing: 'Chief Financial Officer',
};
const EXECS = [
  'Chief Revenue Officer',
  'Chief Marketing Officer',
  'Chief Financial Officer',
  'Chief Technology Officer',
  'Chief Operating Officer',
];
const SALES_REGIONS: Array<{ name: string; zone: WindowsZone; office: string }> = [
  { name: 'West', zone: 'Pacific Standard Time', office: 'Seattle' },
  { name: 'East', zone: 'Eastern Standard Time', office: 'New York' },
  { name: 'EMEA', zone: 'GMT Standard Time', office: 'London' },
  { name: 'Central', zone: 'Central Standard Time', office: 'Chicago' },
];
const HQ_ZONES: Array<[WindowsZone, string, number]> = [
  ['Pacific Standard Time', 'Seattle', 0.55],
  ['Eastern Standard Time', 'New York', 0.2],
  ['W. Europe Standard Time', 'Berlin', 0.1],
  ['India Standard Time', 'Bengaluru', 0.1],
  ['Mountain Standard Time', 'Denver', 0.05],
];
const PERSONAS = {
  director: { given: 'Megan', surname: 'Bowen', note: 'Regional sales director — the main demo user' },
  rep: { given: 'Alex', surname: 'Wilber', note: 'Account executive on Megan’s team' },
  salesops: { given: 'Lidia', surname: 'Holloway', note: 'Sales operations manager' },
  cfo: { given: 'Patti', surname: 'Fernandez', note: 'Chief financial officer' },
  newhire: { given: 'Isaiah', surname: 'Langer', note: 'New account executive — little history yet' },
} satisfies Record<string, { given: string; surname: string; note: string }>;
export const PERSONA_ORDER = ['director', 'rep', 'salesops', 'cfo', 'newhire'] as const;

const WORK_HOURS: Record<WindowsZone, [string, string]> = {
  'Pacific Standard Time': ['08:00', '17:00'],
  'Mountain Standard Time': ['08:00', '17:00'],
  'Central Standard Time': ['08:00', '17:00'],
  'Eastern Standard Time': ['09:00', '18:00'],
  'GMT Standard Time': ['09:00', '17:30'],
  'W. Europe Standard Time': ['09:00', '17:30'],
  'India Standard Time': ['10:00', '18:30'],
  'Tokyo Standard Time': ['09:00', '18:00'],
};

export function buildDirectory(rng: Rng, seed: string, size: number): Directory {
  const tenantId = guid(seed, 'tenant');
  const slug = 'contoso';
  const domain = `${slug}.example`;
  const org: OrganizationInfo = {
    id: tenantId,
    displayName: 'Contoso',
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: false,
        name: domain,
        type: 'Managed',
      },
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: false,
        isInitial: true,
        name: `${slug}.onmicrosoft.example`,
        type: 'Managed',
      },
    ],
    externalDomains: EXTERNAL_ORGS.map((o) => o.domain),
  };
  const usedNames = new Set<string>();
  const people: Person[] = [];

  function uniqueName(given?: string, surname?: string): [string, string] {
    if (given && surname) {
      usedNames.add(`${given} ${surname}`);
      return [given, surname];
    }
    for (;;) {
      const g = rng.pick(GIVEN_NAMES);
      const s = rng.pick(SURNAMES);
      if (!usedNames.has(`${g} ${s}`)) {
        usedNames.add(`${g} ${s}`);
        return [g, s];
      }
    }
  }

  function add(p: {
    fn: FunctionName;
    title: string;
    department: string;
    level: number;
    manager: number | null;
    zone?: WindowsZone;
    office?: string;
    persona?: keyof typeof PERSONAS;
    assistantOf?: number;
    newHire?: boolean;
  }): number {
    const persona = p.persona ? PERSONAS[p.persona] : undefined;
    const [given, surname] = uniqueName(persona?.given, persona?.surname);
    const local = asciiLower(`${given}.${surname}`);
    const mail = `${local}@${domain}`;
    let zone = p.zone;
    let office = p.office;
    if (!zone) {
      const z = HQ_ZONES[rng.weighted(HQ_ZONES.map(([, , share]) => share))]!;
      zone = z[0];
      office = z[1];
    }
    const [start, end] = WORK_HOURS[zone];
    const index = people.length;
    const id = guid(seed, 'user', mail);
    const proxy = [`SMTP:${mail}`];
    if (rng.chance(0.25)) proxy.push(`smtp:${asciiLower(`${given[0]!}${surname}`)}@${domain}`);
    proxy.push(`smtp:${local}@${slug}.onmicrosoft.example`);
    people.push({
      fn: p.fn,
      zone,
      level: p.level,
      assistantOf: p.assistantOf ?? null,
      newHire: p.newHire ?? false,
      ...(p.persona ? { persona: p.persona } : {}),
      user: memberUser({
        id,
        mail,
        proxyAddresses: proxy,
        displayName: `${given} ${surname}`,
        givenName: given,
        surname,
        jobTitle: p.title,
        department: p.department,
        officeLocation: office ?? null,
        businessPhones: [`+1 425 555 ${String(1000 + index).slice(-4)}`],
        mobilePhone: rng.chance(0.6) ? `+1 206 555 ${String(2000 + index).slice(-4)}` : null,
        preferredLanguage: zone === 'W. Europe Standard Time' ? 'de-DE' : 'en-US',
        managerId: p.manager === null ? null : people[p.manager]!.user.id,
        mailboxSettings: workWeekSettings(zone, start, end),
        truthFunction: p.fn,
        ...(persona ? { demoPersona: persona.note } : {}),
      }),
    });
    return index;
  }

  // Executives.
  const ceo = add({
    fn: 'Executives',
    title: 'Chief Executive Officer',
    department: 'Executive Office',
    level: 0,
    manager: null,
    zone: 'Pacific Standard Time',
    office: 'Seattle',
  });
  const execIndex = new Map<string, number>([['Chief Executive Officer', ceo]]);
  for (const title of EXECS) {
    const persona = title === 'Chief Financial Officer' ? 'cfo' : undefined;
    execIndex.set(
      title,
      add({
        fn: 'Executives',
        title,
        department: 'Executive Office',
        level: 1,
        manager: ceo,
        zone: 'Pacific Standard Time',
        office: 'Seattle',
        persona,
      }),
    );
  }
  for (const exec of [ceo, execIndex.get('Chief Revenue Officer')!]) {
    add({
      fn: 'Executives',
      title: 'Executive Assistant',
      department: 'Executive Office',
      level: 4,
      manager: exec,
      zone: 'Pacific Standard Time',
      office: 'Seattle',
      assistantOf: exec,
    });
  }

  const remaining = Math.max(size - people.length, SHARES.length * 2);
  let demoUserIndex = -1;
  for (const [fn, share, dept] of SHARES) {
    const n = Math.max(2, Math.round(remaining * share));
    const head = add({
      fn,
      title: HEAD_TITLE[fn],
      department: dept,
      level: 2,
      manager: execIndex.get(EXEC_OF[fn])!,
    });
    if (fn === 'Sales') {
      // Regions, each with a director, managers and account executives in the region's time zone.
      const perRegion = Math.max(3, Math.floor((n - 1) / SALES_REGIONS.length));
      SALES_REGIONS.forEach((region, r) => {
        const director = add({
          fn,
          title: `Regional Sales Director, ${region.name}`,
          department: `Sales – ${region.name}`,
          level: 3,
          manager: head,
          zone: region.zone,
          office: region.office,
          persona: r === 0 ? 'director' : undefined,
        });
        if (r === 0) demoUserIndex = director;
        const managers = Math.max(1, Math.round((perRegion - 1) / 6));
        let left = perRegion - 1 - managers;
        for (let m = 0; m < managers; m++) {
          const mgr = add({
            fn,
            title: 'Sales Manager',
            department: `Sales – ${region.name}`,
            level: 3,
            manager: director,
            zone: region.zone,
            office: region.office,
          });
          const reps = m === managers - 1 ? left : Math.round(left / (managers - m));
          left -= reps;
          for (let i = 0; i < reps; i++) {
            const persona =
              r === 0 && m === 0 && i === 0 ? 'rep' : r === 0 && m === 0 && i === 1 ? 'newhire' : undefined;
            add({
              fn,
              title: persona ? 'Account Executive' : rng.pick(IC_TITLES[fn]),
              department: `Sales – ${region.name}`,
              level: 4,
              manager: mgr,
              zone: region.zone,
              office: region.office,
              persona,
              newHire: persona === 'newhire',
            });
          }
        }
      });
      continue;
    }
    const managers = Math.max(1, Math.round((n - 1) / 7));
    let left = n - 1 - managers;
    for (let m = 0; m < managers; m++) {
      const persona = fn === 'Sales Ops' && m === 0 ? 'salesops' : undefined;
      const mgr = add({ fn, title: MANAGER_TITLE[fn], department: dept, level: 3, manager: head, persona });
      const ics = m === managers - 1 ? left : Math.round(left / (managers - m));
      left -= ics;
      for (let i = 0; i < ics; i++)
        add({ fn, title: rng.pick(IC_TITLES[fn]), department: dept, level: 4, manager: mgr });
    }
  }

  // A few accounts that are not ordinary colleagues: disabled, guests.
  for (const p of rng.shuffle(people.filter((x) => x.level === 4 && !x.user.demoPersona)).slice(0, 2))
    p.user.accountEnabled = false;
  const guests: Person[] = EXTERNAL_ORGS.slice(5).map((o, i) => {
    const [g, s] = uniqueName();
    const mail = `${asciiLower(`${g}.${s}`)}@${o.domain}`;
    return {
      fn: 'Operations',
      zone: 'Eastern Standard Time',
      level: 5,
      assistantOf: null,
      newHire: false,
      user: {
        ...people[people.length - 1 - i]!.user,
        id: guid(seed, 'guest', mail),
        userPrincipalName: `${mail.replace('@', '_')}#EXT#@${slug}.onmicrosoft.example`,
        mail,
        proxyAddresses: [`SMTP:${mail}`],
        displayName: `${g} ${s} (${o.name})`,
        givenName: g,
        surname: s,
        jobTitle: 'Partner consultant',
        department: null,
        userType: 'Guest',
        managerId: null,
        truthFunction: undefined,
        demoPersona: undefined,
      },
    };
  });
  people.push(...guests);

  const rooms: DirectoryUser[] = ['Adams', 'Baker', 'Crater', 'Denali'].map((name, i) => {
    const mail = `conf.room.${name.toLowerCase()}@${domain}`;
    return {
      ...people[0]!.user,
      id: guid(seed, 'room', mail),
      userPrincipalName: mail,
      mail,
      proxyAddresses: [`SMTP:${mail}`],
      displayName: `Conf Room ${name}`,
      givenName: null,
      surname: null,
      jobTitle: null,
      department: null,
      officeLocation: i < 2 ? 'Seattle' : 'New York',
      businessPhones: [],
      mobilePhone: null,
      managerId: null,
      truthFunction: undefined,
      demoPersona: undefined,
      mailboxSettings: { ...people[0]!.user.mailboxSettings, userPurpose: 'room' },
    };
  });

  const externals: ExternalContact[] = [];
  for (const o of EXTERNAL_ORGS) {
    for (let i = 0; i < 8; i++) {
      const [g, s] = uniqueName();
      externals.push({
        name: `${g} ${s}`,
        address: `${g}.${s}@${o.domain}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
        org: o.name,
        kind: o.kind,
      });
    }
  }
  return { org, domain, people, rooms, externals, demoUserIndex };
}

/** A name as a mail local part: lower case, accents dropped (Müller → muller), as Exchange's defaults do. */
function asciiLower(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
