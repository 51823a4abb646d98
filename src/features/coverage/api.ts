import { z } from 'zod';
import type { TokenSource } from '../../lib/api';
import { useApi } from '../../lib/useApi';
import { functionSchema, shareSchema } from '../../lib/mapApi';

export const coverageSchema = z.object({
  asOf: z.string(),
  functions: z.array(functionSchema),
  internalShare: z.array(shareSchema),
});

export const useCoverage = (getToken: TokenSource) => useApi(getToken, '/api/coverage', coverageSchema);
