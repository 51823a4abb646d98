import express from 'express';

const startedAt = Date.now();

/** GET /api/health: 200 once the server is ready; 503 when its database does not answer. */
export function healthRouter(deps: { version: string; ping?: () => Promise<boolean> }): express.Router {
  const router = express.Router();
  router.get('/api/health', async (_req, res) => {
    const up = deps.ping ? await deps.ping() : true;
    res.setHeader('Cache-Control', 'no-store');
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'degraded',
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      database: deps.ping ? (up ? 'up' : 'down') : 'none',
    });
  });
  return router;
}
