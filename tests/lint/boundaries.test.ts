import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The module boundaries are lint errors: each forbidden import below must be reported by the
 * project's own ESLint configuration, and its allowed neighbour must not be — so a rule that stops
 * matching (or starts matching everything) fails here, not in review.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<{ rule: string; file: string; forbidden: string; allowed: string }> = [
  {
    rule: 'the front end imports no server code',
    file: 'src/lib/probe.ts',
    forbidden: "import { x } from '../../server/insights/map';",
    allowed: "import { x } from './api';",
  },
  {
    rule: 'production server code imports nothing from the dev tenant',
    file: 'server/sync/probe.ts',
    forbidden: "import { x } from '../devtenant/server';",
    allowed: "import { x } from '../graph/client';",
  },
  {
    rule: 'the dev tenant shares no code with sync or insights',
    file: 'server/devtenant/org/probe.ts',
    forbidden: "import { FUNCTIONS } from '../../insights/functions';",
    allowed: "import { x } from '../model';",
  },
  {
    rule: 'insights import no Graph SDK',
    file: 'server/insights/probe.ts',
    forbidden: "import { Client } from '@microsoft/microsoft-graph-client';",
    allowed: "import { z } from 'zod';",
  },
  {
    rule: 'insights import no routes',
    file: 'server/insights/model/probe.ts',
    forbidden: "import { x } from '../../api/insights/router';",
    allowed: "import { x } from '../map';",
  },
  {
    rule: 'insights read interactions from the domain module, not from sync',
    file: 'server/insights/probe.ts',
    forbidden: "import type { Interaction } from '../sync/interactions';",
    allowed: "import type { Interaction } from '../domain/interaction';",
  },
  {
    rule: 'insights, being production code, import nothing from the dev tenant either',
    file: 'server/insights/probe.ts',
    forbidden: "import { x } from '../devtenant/model';",
    allowed: "import { x } from './service';",
  },
  {
    rule: 'a front-end feature imports no other feature',
    file: 'src/features/table/probe.tsx',
    forbidden: "import { x } from '../map/api';",
    allowed: "import { x } from '../../lib/api';",
  },
  {
    rule: 'a feature, being front-end code, imports no server code either',
    file: 'src/features/table/probe.tsx',
    forbidden: "import { x } from '../../../server/app';",
    allowed: "import { x } from './windowing';",
  },
  {
    rule: 'the wire contract imports only zod and its own modules',
    file: 'contract/probe.ts',
    forbidden: "import type { Interaction } from '../server/domain/interaction';",
    allowed: "import { z } from 'zod';\nimport { instant } from './vocabulary';",
  },
  {
    rule: 'the composition root loads the dev tenant only dynamically',
    file: 'server/compose.ts',
    forbidden: "import { startDevTenant } from './devtenant/server';",
    allowed:
      "import type { DevTenant } from './devtenant/server';\nconst load = () => import('./devtenant/server');",
  },
];

describe('module boundaries (eslint.config.js)', () => {
  it.each(cases)('$rule', async ({ file, forbidden, allowed }) => {
    expect(await restricted(file, forbidden)).toHaveLength(1);
    expect(await restricted(file, allowed)).toEqual([]);
  });

  it('lets the composing feature (features/app) import the features it composes', async () => {
    expect(await restricted('src/features/app/probe.tsx', "import { x } from '../map/MapView';")).toEqual([]);
  });
});
