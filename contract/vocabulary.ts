import { z } from 'zod';

/**
 * The closed vocabularies of the API: the words the server sends and the tab shows. Defined here,
 * once, for both; the server's domain (server/domain/) takes them from here.
 */

/** The business functions a colleague can work in — the template's list. */
export const FUNCTIONS = [
  'Executives',
  'Sales',
  'Sales Ops',
  'Demand Gen/BDR',
  'Marketing',
  'Product',
  'Engineering',
  'Customer Service',
  'Finance',
  'Legal',
  'HR',
  'Recruiting',
  'IT',
  'Operations',
  'Purchasing',
  'Other',
] as const;
export type BusinessFunction = (typeof FUNCTIONS)[number];

/** What one interaction was: a meeting by size, or mail by the owner's part in it. */
export const INTERACTION_KINDS = [
  'meeting_1on1',
  'meeting_small',
  'meeting_large',
  'mail_sent',
  'mail_received',
  'mail_cc',
  'mail_reply',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** The part a stakeholder plays for the user. */
export const ROLE_TAGS = ['approver', 'sponsor', 'mentor', 'unofficial-leader', 'peer', 'support'] as const;
export type RoleTag = (typeof ROLE_TAGS)[number];

export const STAKEHOLDER_STATUSES = ['candidate', 'accepted', 'rejected'] as const;
export type StakeholderStatus = (typeof STAKEHOLDER_STATUSES)[number];

export const businessFunction = z.enum(FUNCTIONS);
export const interactionKind = z.enum(INTERACTION_KINDS);
export const roleTag = z.enum(ROLE_TAGS);
export const stakeholderStatus = z.enum(STAKEHOLDER_STATUSES);
/** Who started it: the user (outbound), the colleague (inbound), or neither (someone else's meeting). */
export const direction = z.enum(['outbound', 'inbound', 'mutual']);
/** An instant as the server writes it: ISO 8601 in UTC (`Date.prototype.toISOString`). */
export const instant = z.iso.datetime();
