import { z } from 'zod';
import { appreciation, stakeholder } from './map';

/** `GET /api/stakeholders`: the user's curated stakeholders. */
export const stakeholdersResponse = z.object({ stakeholders: z.array(stakeholder) });

/** `PUT`/`PATCH /api/stakeholders/{address}` and `PUT …/rating`: the stakeholder as saved. */
export const savedStakeholderResponse = stakeholder;

/** `POST /api/stakeholders/{address}/appreciations`: the appreciation as logged. */
export const appreciationResponse = appreciation;

export type StakeholdersResponse = z.infer<typeof stakeholdersResponse>;
export type SavedStakeholderResponse = z.infer<typeof savedStakeholderResponse>;
