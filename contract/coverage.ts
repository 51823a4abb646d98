import { z } from 'zod';
import { mapResponse, monthShare, trend } from './map';
import { businessFunction, instant } from './vocabulary';

/** `GET /api/coverage`: the map's coverage per function and internal share. */
export const coverageResponse = mapResponse.pick({ asOf: true, functions: true, internalShare: true });

/** `GET /api/trends`: the strongest 50's monthly series. */
export const trendsResponse = z.object({
  asOf: instant,
  internalShare: z.array(monthShare),
  people: z.array(
    z.object({
      address: z.string(),
      displayName: z.string(),
      function: businessFunction,
      trend: trend.nullable(),
      cooling: z.boolean(),
      series: z.array(z.number()),
    }),
  ),
});

export type CoverageResponse = z.infer<typeof coverageResponse>;
