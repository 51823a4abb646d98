import fs from 'node:fs';
import { expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../server/config';

const lines = fs.readFileSync('.env.example', 'utf8').split('\n');
const settings = Object.fromEntries(
  lines
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

it('.env.example lists every setting, each under a comment, and loads as is', () => {
  expect(Object.keys(settings).sort()).toEqual(Object.keys(configSchema.shape).sort());
  for (const [i, line] of lines.entries())
    if (/^[A-Z_]+=/.test(line)) expect(lines[i - 1], `comment above ${line}`).toMatch(/^(#|[A-Z_]+=)/);
  expect(() => loadConfig(settings)).not.toThrow();
});
