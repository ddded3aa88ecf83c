/**
 * An HTTP server on a loopback address for the fetching tests. Every test that fetches talks only
 * to servers like this one, on 127.0.0.0/8: no route ever redirects elsewhere and no test resolver
 * ever answers with another address, so even a broken address guard cannot reach outside.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** http://127.0.0.x:port */
  origin: string;
  host: string;
  port: number;
  /** Routes by path (query included); unknown paths get a 404. */
  routes: Map<string, Route>;
  /** Every request received, in order: "GET /path". */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  /** TCP connections accepted (a refused fetch must not open one). */
  connections: number;
  close(): Promise<void>;
}

export async function startLoopbackServer(host = '127.0.0.1'): Promise<LoopbackServer> {
  if (!/^127\.\d+\.\d+\.\d+$/.test(host)) throw new Error(`test servers listen on 127.0.0.0/8 only, not ${host}`);
  const routes = new Map<string, Route>();
  const requests: LoopbackServer['requests'] = [];
  const state = { connections: 0 };
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const route = routes.get(req.url ?? '') ?? routes.get((req.url ?? '').split('?')[0]!);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    Promise.resolve(route(req, res)).catch((err: unknown) => {
      res.destroy(err as Error);
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    host,
    port,
    routes,
    requests,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering with a fixed body. */
export function serve(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }, status = 200): Route {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

/** A redirect route; the target must be on a loopback server (checked). */
export function redirect(to: string, status = 302): Route {
  if (!/^(\/|http:\/\/(127\.\d+\.\d+\.\d+|[a-z.-]+\.test)(:\d+)?\/)/.test(to)) throw new Error(`test redirects stay on loopback servers, not ${to}`);
  return (_req, res) => {
    res.writeHead(status, { location: to }).end();
  };
}

/**
 * A resolver for names under `.test` that answers only with loopback addresses (checked), in turn
 * when a name is given several answers (to play DNS rebinding).
 */
export function loopbackResolver(names: Record<string, string[]>): (hostname: string) => Promise<LookupAddress[]> {
  for (const addresses of Object.values(names)) {
    for (const a of addresses) if (!/^127\.\d+\.\d+\.\d+$/.test(a)) throw new Error(`test names resolve to 127.0.0.0/8 only, not ${a}`);
  }
  const asked = new Map<string, number>();
  return async (hostname) => {
    const answers = names[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const n = asked.get(hostname) ?? 0;
    asked.set(hostname, n + 1);
    return [{ address: answers[Math.min(n, answers.length - 1)]!, family: 4 }];
  };
}
