import express from 'express';
import { z } from 'zod';
import * as contract from '../../contract';
import { userSettingsPatchSchema } from '../settings/userSettings';
import {
  appreciationBody,
  exportQuery,
  mapQuery,
  cardsBody,
  ratingBody,
  snapshotBody,
  stakeholderBody,
  timelineQuery,
} from './insights/schemas';
import { dismissBody, meetingBody, sendBody, snoozeBody } from './suggestions/schemas';

/**
 * The API described as OpenAPI 3.1 (`GET /api/openapi.json`), generated from the zod schemas the
 * code uses: request shapes from the schemas that validate them, responses from the wire contract
 * (contract/) that the routes are checked against and the tab parses with — so the document
 * cannot drift from the code.
 */
const json = (schema: z.ZodType) => ({
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
  },
});

/** What every error answers (server/http/problem.ts). */
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional().describe("a stable machine-readable code, e.g. 'consent_required'"),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  instance: z.string(),
  requestId: z.string().optional(),
});

/**
 * The named response shapes, as components: a schema used inside another (a person inside the map
 * and the card) is written once and referenced.
 */
const COMPONENTS: Array<[string, z.ZodType]> = [
  ['Problem', problemSchema],
  ['Me', contract.meResponse],
  ['SyncStatus', contract.syncStatusResponse],
  ['SyncQueued', contract.syncQueuedResponse],
  ['Settings', contract.settingsResponse],
  ['AutomatedSender', contract.automatedSender],
  ['AutomatedSenders', contract.automatedSendersResponse],
  ['Map', contract.mapResponse],
  ['MapPerson', contract.mapPerson],
  ['Evidence', contract.evidence],
  ['Health', contract.health],
  ['Stakeholder', contract.stakeholder],
  ['Appreciation', contract.appreciation],
  ['FunctionSummary', contract.functionSummary],
  ['MonthShare', contract.monthShare],
  ['DueEntry', contract.dueEntry],
  ['PersonCard', contract.personCardResponse],
  ['Timeline', contract.timelineResponse],
  ['Stakeholders', contract.stakeholdersResponse],
  ['Coverage', contract.coverageResponse],
  ['Trends', contract.trendsResponse],
  ['Snapshots', contract.snapshotsResponse],
  ['MonthSnapshots', contract.monthSnapshotsResponse],
  ['SnapshotTaken', contract.snapshotTakenResponse],
  ['Review', contract.reviewResponse],
  ['Deleted', contract.deletedResponse],
  ['Suggestions', contract.suggestionsResponse],
  ['Suggestion', contract.suggestion],
  ['SentInvite', contract.sentInvite],
  ['BringSuggestion', contract.bringSuggestion],
  ['Sent', contract.sendResponse],
  ['SuggestionSlots', contract.slotsResponse],
  ['PersonSuggestion', contract.personSuggestionResponse],
  ['Bring', contract.bringResponse],
  ['PeopleCards', contract.peopleCardsResponse],
  ['MeetingBring', contract.meetingBringResponse],
];
type ComponentName = (typeof COMPONENTS)[number][0];

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of COMPONENTS) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
    // `format: date-time` and `integer` say it; zod's regex and safe-integer bounds are noise here.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  });
  // Components are not documents of their own: no $schema or $id on each.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest]),
  );
}

const idPath = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: ref('Problem') } },
};
const ok = (description: string, name: ComponentName) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const email = { name: 'address', in: 'path', required: true, schema: { type: 'string', format: 'email' } };
const queryParams = (schema: z.ZodObject) =>
  Object.entries(z.toJSONSchema(schema, { io: 'input' }).properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: s,
  }));
const errors = { '400': problem, '401': problem, '404': problem };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version: '1',
      description:
        'Your Internal Relationships Map. Every route acts for the user of the bearer token (an Entra ID access token for the Rapport API) in that token’s tenant.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/me': {
        get: {
          summary: 'You, your manager chain and department',
          responses: { '200': ok('Profile', 'Me'), ...errors },
        },
      },
      '/api/sync/status': {
        get: {
          summary: 'Sync progress per stream',
          responses: { '200': ok('Status', 'SyncStatus'), ...errors },
        },
      },
      '/api/sync': {
        post: { summary: 'Sync now (queued)', responses: { '202': ok('Queued', 'SyncQueued'), ...errors } },
      },
      '/api/settings': {
        get: {
          summary: 'Your settings, defaults filled in',
          responses: { '200': ok('Settings', 'Settings'), ...errors },
        },
        patch: {
          summary: 'Change some settings',
          requestBody: json(userSettingsPatchSchema),
          responses: { '200': ok('Settings', 'Settings'), ...errors },
        },
      },
      '/api/settings/automated': {
        get: {
          summary:
            'Addresses not counted as colleagues because they look automated, with the evidence (undo: PATCH countAsColleagues)',
          responses: { '200': ok('Senders that look automated', 'AutomatedSenders'), ...errors },
        },
      },
      '/api/suggestions': {
        get: {
          summary: "This week's suggested invites, what was sent and how each was answered",
          responses: { '200': ok('Suggestions', 'Suggestions'), ...errors },
        },
      },
      '/api/suggestions/refresh': {
        post: {
          summary: 'Prepare the week again now (schedules re-read)',
          responses: { '200': ok('Suggestions', 'Suggestions'), ...errors },
        },
      },
      '/api/suggestions/{id}/send': {
        post: {
          summary:
            'Send the invite for one of the offered slots (checked again for both people first; a retry is the same event)',
          parameters: [idPath],
          requestBody: json(sendBody),
          responses: {
            '201': ok('The invite as created', 'Sent'),
            '409': {
              ...problem,
              description: 'slot_taken, budget_exhausted, colleague_capped or cooling_down',
            },
            ...errors,
          },
        },
      },
      '/api/suggestions/{id}/another': {
        post: {
          summary: 'The next three free slots',
          parameters: [idPath],
          responses: { '200': ok('The suggestion with new slots', 'SuggestionSlots'), ...errors },
        },
      },
      '/api/suggestions/{id}/snooze': {
        post: {
          summary: 'Put the suggestion (or the person) away for some days',
          parameters: [idPath],
          requestBody: json(snoozeBody),
          responses: { '204': { description: 'Snoozed' }, ...errors },
        },
      },
      '/api/suggestions/{id}/dismiss': {
        post: {
          summary: 'Dismiss the suggestion, or never suggest the person again',
          parameters: [idPath],
          requestBody: json(dismissBody),
          responses: { '204': { description: 'Dismissed' }, ...errors },
        },
      },
      '/api/suggestions/for/{address}': {
        post: {
          summary: 'A suggestion for one colleague, on demand (the person panel, the Outlook card)',
          parameters: [
            { name: 'address', in: 'path', required: true, schema: { type: 'string', format: 'email' } },
          ],
          responses: { '200': ok('A suggestion', 'PersonSuggestion'), ...errors },
        },
      },
      '/api/suggestions/bring-for-meeting': {
        post: {
          summary: 'Colleagues free for a meeting you are organising (the Outlook pane)',
          requestBody: json(meetingBody),
          responses: { '200': ok('Colleagues to bring', 'MeetingBring'), ...errors },
        },
      },
      '/api/people/cards': {
        post: {
          summary:
            'Cards for everyone on an email at once (the Outlook pane): colleagues, externals by domain',
          requestBody: json(cardsBody),
          responses: { '200': ok('Cards', 'PeopleCards'), ...errors },
        },
      },
      '/api/suggestions/bring/{id}/add': {
        post: {
          summary:
            'Bring the colleague to the meeting (update its attendees, or forward it when you do not organise it)',
          parameters: [idPath],
          responses: { '200': ok('Added', 'Bring'), ...errors },
        },
      },
      '/api/map': {
        get: {
          summary: 'The map: people, health, functions, coverage, leaders, mentors, internal share',
          parameters: queryParams(mapQuery),
          responses: { '200': ok('Map', 'Map'), ...errors },
        },
      },
      '/api/people/{id}': {
        get: {
          summary: 'One person on your map, by directory id',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok('Person', 'MapPerson'), ...errors },
        },
      },
      '/api/people/{id}/timeline': {
        get: {
          summary:
            'Your meetings and mail with one person on your map, newest first (metadata only), and counts for the last 12 months',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            ...queryParams(timelineQuery),
          ],
          responses: { '200': ok('Timeline', 'Timeline'), ...errors },
        },
      },
      '/api/people/by-email/{address}': {
        get: {
          summary: 'Person card by e-mail address (the Outlook pane); externals are marked external',
          parameters: [email],
          responses: { '200': ok('Card', 'PersonCard'), ...errors },
        },
      },
      '/api/stakeholders': {
        get: {
          summary: 'Your curated stakeholders',
          responses: { '200': ok('List', 'Stakeholders'), ...errors },
        },
      },
      '/api/stakeholders/{address}': {
        put: {
          summary: 'Add (or accept, reject, update) a stakeholder',
          parameters: [email],
          requestBody: json(stakeholderBody),
          responses: {
            '200': ok('Updated', 'Stakeholder'),
            '201': ok('Created', 'Stakeholder'),
            '422': problem,
            ...errors,
          },
        },
        patch: {
          summary: 'Update a stakeholder',
          parameters: [email],
          requestBody: json(stakeholderBody),
          responses: { '200': ok('Updated', 'Stakeholder'), '422': problem, ...errors },
        },
        delete: {
          summary: 'Remove from your map',
          parameters: [email],
          responses: { '204': { description: 'Removed' }, ...errors },
        },
      },
      '/api/stakeholders/{address}/rating': {
        put: {
          summary: 'Your own rating of the relationship (1–5)',
          parameters: [email],
          requestBody: json(ratingBody),
          responses: { '200': ok('Updated', 'Stakeholder'), '422': problem, ...errors },
        },
      },
      '/api/stakeholders/{address}/appreciations': {
        post: {
          summary: 'Log an appreciation',
          parameters: [email],
          requestBody: json(appreciationBody),
          responses: { '201': ok('Logged', 'Appreciation'), ...errors },
        },
      },
      '/api/stakeholders/{address}/appreciations/{id}': {
        delete: {
          summary: 'Remove an appreciation',
          parameters: [
            email,
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { '204': { description: 'Removed' }, ...errors },
        },
      },
      '/api/coverage': {
        get: {
          summary: '3 deep × 3 wide per function, internal share by month',
          responses: { '200': ok('Coverage', 'Coverage'), ...errors },
        },
      },
      '/api/trends': {
        get: {
          summary: 'Monthly strength series and trends',
          responses: { '200': ok('Trends', 'Trends'), ...errors },
        },
      },
      '/api/snapshots': {
        get: {
          summary: 'Your monthly snapshots (kept across model versions)',
          responses: { '200': ok('List', 'Snapshots'), ...errors },
        },
        post: {
          summary: 'Take a snapshot of a month (default: this month, as of now)',
          requestBody: json(snapshotBody),
          responses: { '201': ok('Stored', 'SnapshotTaken'), ...errors },
        },
      },
      '/api/snapshots/{month}': {
        get: {
          summary: 'A month’s snapshots',
          parameters: [
            {
              name: 'month',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
            },
          ],
          responses: { '200': ok('Snapshots', 'MonthSnapshots'), ...errors },
        },
      },
      '/api/review': {
        get: {
          summary: 'The monthly review: what changed, who slipped, who is due',
          responses: { '200': ok('Review', 'Review'), ...errors },
        },
      },
      '/api/export': {
        get: {
          summary: 'Everything Rapport holds about you (JSON) or your map as a table (CSV)',
          parameters: queryParams(exportQuery),
          responses: {
            '200': { description: 'Export', content: { 'application/json': {}, 'text/csv': {} } },
            ...errors,
          },
        },
      },
      '/api/me/data': {
        delete: {
          summary: 'Delete everything Rapport holds about you, and forget your tokens',
          responses: { '200': ok('Deleted counts', 'Deleted'), ...errors },
        },
      },
    },
  };
}

export function openApiRouter(): express.Router {
  const router = express.Router();
  const doc = openApiDocument();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  return router;
}
