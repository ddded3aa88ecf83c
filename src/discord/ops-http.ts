/**
 * HTTP_PORT: a small HTTP server for supervisors and Prometheus, nothing else.
 *   GET /healthz  200 {"status":"ok"} or 503 {"status":"unhealthy","problems":[…]}
 *   GET /metrics  Prometheus' text exposition format
 * Bound to 127.0.0.1 unless HTTP_HOST says otherwise: the figures are not secret, but nobody
 * outside needs them. It never reads a request body and answers nothing else.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { HealthReport } from './ops.js';

export interface OpsEndpoints {
  health(): HealthReport | Promise<HealthReport>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

export interface OpsServer {
  /** The port listened on (HTTP_PORT, or the one the system chose for port 0 in tests). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startOpsServer(endpoints: OpsEndpoints, options: { port: number; host: string; logger: Logger }): Promise<OpsServer> {
  const { logger } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, contentType: string, body: string) => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const handle = async () => {
      if (path === '/healthz') {
        const report = await endpoints.health();
        const body = report.ok ? { status: 'ok' } : { status: 'unhealthy', problems: report.problems };
        return send(report.ok ? 200 : 503, 'application/json', `${JSON.stringify(body)}\n`);
      }
      if (path === '/metrics') {
        const { contentType, body } = await endpoints.metrics();
        return send(200, contentType, body);
      }
      send(404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
    };
    handle().catch((error: unknown) => {
      logger.error(`ops endpoint ${path} failed`, { error });
      if (!response.headersSent) send(500, 'text/plain; charset=utf-8', 'internal error (see the log)\n');
      else response.destroy();
    });
  });
  // Probes keep connections open; they must not hold a stopping bot.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('ops endpoint error', { error }));
  const port = (server.address() as AddressInfo).port;
  logger.info(`health and metrics: http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/healthz and /metrics`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
