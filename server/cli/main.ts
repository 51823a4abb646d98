import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RelationshipMap } from '../insights/map';
import { openImportedMaps } from './importedMaps';

/**
 * `npm run cli -- map --import <dir> --mailbox <name> [--as-of <date>] [--top <n>]`
 *   Imports a folder of Graph-shaped JSONL (people.jsonl, messages.jsonl, events.jsonl — e.g.
 *   ../shared/datasets/enron) into a dev tenant, syncs the mailbox through the real sync engine into
 *   PostgreSQL (DATABASE_URL, or an embedded server in a temporary folder), and prints its map as of
 *   the date as JSON.
 * `npm run cli -- report --import <dir> --as-of <date> [--top <n>]`
 *   The same for every mailbox in the folder, printed as a Markdown table (docs/enron.md).
 */
const USAGE = `usage:
  npm run cli -- map --import <dir> --mailbox <name> [--as-of YYYY-MM-DD] [--top 10] [--full]
  npm run cli -- report --import <dir> [--as-of YYYY-MM-DD] [--top 10]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        import: { type: 'string' },
        mailbox: { type: 'string' },
        'as-of': { type: 'string' },
        top: { type: 'string', default: '10' },
        full: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
})();
const command = positionals[0];
if (command !== 'map' && command !== 'report') fail(command ? `unknown command: ${command}` : 'no command');
const dir = values.import ? path.resolve(values.import) : fail('--import <dir> is required');
if (!fs.existsSync(path.join(dir, 'people.jsonl'))) fail(`${dir} has no people.jsonl`);
const top = Number(values.top);
if (!Number.isInteger(top) || top < 1) fail('--top must be a positive whole number');
const asOfArg = values['as-of'];
const asOfDate = asOfArg ? new Date(asOfArg) : null;
if (asOfDate && Number.isNaN(asOfDate.getTime())) fail(`--as-of: not a date: ${asOfArg}`);

const maps = await openImportedMaps(dir);

/** The mailbox's map as of the date asked for (or the data's end), through the product's path. */
const mapOf = (mailbox: string): Promise<RelationshipMap> => maps.mapAsOf(mailbox, asOfDate ?? maps.now);

const share = (m: RelationshipMap) => {
  const months = m.internalShare.filter((x) => x.mailShare !== null || x.meetingShare !== null);
  const mail = months.reduce((s, x) => s + x.mailInternal, 0);
  const ext = months.reduce((s, x) => s + x.mailExternal, 0);
  return mail + ext ? mail / (mail + ext) : null;
};

try {
  const all = maps.mailboxes;
  if (command === 'map') {
    const name = values.mailbox ?? fail('--mailbox <name> is required');
    if (!all.has(name)) fail(`no mailbox "${name}" in ${dir} (have: ${[...all.keys()].join(', ')})`);
    const map = await mapOf(name);
    const out = values.full
      ? map
      : {
          mailbox: name,
          asOf: map.asOf,
          internalShareOfMail: share(map),
          people: map.people.slice(0, top).map((p) => ({
            address: p.address,
            displayName: p.displayName,
            jobTitle: p.jobTitle,
            function: p.function,
            strength: p.strength,
            health: p.health.score,
            band: p.health.band,
            trend: p.health.trend,
            explanation: p.explanation,
          })),
          functions: map.functions.map((f) => ({
            name: f.name,
            people: f.people,
            good: f.good,
            leader: f.leader?.displayName ?? null,
          })),
        };
    console.log(JSON.stringify(out, null, 2));
  } else {
    const lines = [
      `Top ${top} internal stakeholders per mailbox as of ${(asOfDate ?? maps.now).toISOString().slice(0, 10)}, and the internal share of its mail over the 12 months before.`,
      '',
      '| mailbox | internal share of mail | top internal stakeholders (strength) |',
      '| --- | ---: | --- |',
    ];
    for (const name of all.keys()) {
      if (!maps.hasMail(name)) continue;
      const map = await mapOf(name);
      const s = share(map);
      const people = map.people
        .slice(0, top)
        .map(
          (p) =>
            `${p.displayName === p.address ? p.address.replace(/@.*/, '@') : p.displayName} (${Math.round(p.strength)})`,
        )
        .join(', ');
      lines.push(`| \`${name}\` | ${s === null ? '–' : `${Math.round(s * 100)} %`} | ${people || '–'} |`);
    }
    console.log(lines.join('\n'));
  }
} finally {
  await maps.close();
}
