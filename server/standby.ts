import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS } from '../shared/errors.ts';
import { VERSION } from './http/routes/hall.ts';

/**
 * What a standby server answers while another holds the hall: its health check says
 * "standby" with 503, so a load balancer sends everything to the active one; anything
 * else that reaches it anyway is told to come back (screens retry by themselves).
 */
export function standbyHandler(req: IncomingMessage, res: ServerResponse): void {
  const health = req.url === '/api/health' || req.url?.startsWith('/api/health?');
  res.statusCode = 503;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('retry-after', '2');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(health ? { ok: false, role: 'standby', version: VERSION } : { error: { code: 'STANDBY', message: ERRORS.STANDBY.message } }));
}
