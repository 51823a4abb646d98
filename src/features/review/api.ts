import { type ReviewResponse, reviewResponse, snapshotTakenResponse } from '../../../contract/review';
import { savedStakeholderResponse } from '../../../contract/stakeholders';
import type { TokenSource } from '../../lib/api';
import { sendJson, useApi } from '../../lib/useApi';

/** `GET /api/review`, as the wire contract (contract/review.ts) has it. */
export type Review = ReviewResponse;

export const useReview = (getToken: TokenSource) => useApi(getToken, '/api/review', reviewResponse);

/** Keeps this month's map as a snapshot: next month's review compares against it. */
export const takeSnapshot = (getToken: TokenSource) =>
  sendJson(getToken, '/api/snapshots', 'POST', snapshotTakenResponse, {});

export const saveRating = (getToken: TokenSource, address: string, selfRating: number) =>
  sendJson(
    getToken,
    `/api/stakeholders/${encodeURIComponent(address)}/rating`,
    'PUT',
    savedStakeholderResponse,
    { selfRating },
  );
