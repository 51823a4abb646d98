import { coverageResponse } from '../../../contract/coverage';
import type { TokenSource } from '../../lib/api';
import { useApi } from '../../lib/useApi';

export const useCoverage = (getToken: TokenSource) => useApi(getToken, '/api/coverage', coverageResponse);
