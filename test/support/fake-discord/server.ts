/**
 * HTTP plumbing of the fake REST API: /api/v10 prefix, JSON / multipart body parsing, request
 * recording, `Authorization: Bot <token>`, injected failures (429 / 500), route matching (404 / 405),
 * rate-limit headers, and turning validation issues into Discord-style 400s plus violations.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Issue } from './validate.js';

export interface RecordedRequest {
  method: string;
  /** Path without the /api/v10 prefix and without the query string, e.g. /channels/123/messages. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (payload_json for multipart), or null. */
  body: any;
  at: number;
  /** File part names of a multipart request. */
  files: string[];
  /** Status the fake answered with (set once the response is written). */
  status: number;
  /** JSON the fake answered with (undefined for 204). */
  response?: unknown;
  /** True if the answer was an injected failNext failure. */
  injected: boolean;
  /** Violations recorded for this request. */
  violations: string[];
}

export type Failure = { status: 429; retryAfter: number; global?: boolean } | { status: 500 };
export interface RouteResult { status: number; body?: unknown }
export interface RouteContext {
  req: RecordedRequest;
  params: Record<string, string>;
  /** Record issues; returns a 400 result to return if any of them is rejecting, else null. */
  check(issues: Issue[]): RouteResult | null;
  /** Run after the response is written and the request recorded (gateway echoes, result resolution). */
  after(fn: () => void): void;
}
export interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  /** Query parameters the route documents. */
  query?: string[];
  handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

export const err = (status: number, code: number, message: string): RouteResult => ({ status, body: { message, code } });

function nestErrors(issues: Issue[]): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const i of issues) {
    let node = root;
    for (const key of i.path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code: 'BASE_TYPE_INVALID', message: i.message });
  }
  return root;
}

/** The whole request body (event-based: cheaper than an async iterator per request). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class RestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: Array<{ method: string; pathPattern: RegExp; failure: Failure }> = [];
  private readonly listeners = new Set<(r: RecordedRequest) => void>();
  private readonly server: Server;

  constructor(private readonly opts: {
    token: string;
    routes: () => Route[];
    violation: (v: string) => void;
    onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
    /** Called once a request is answered and recorded, before ctx.after hooks run. */
    onRecord?: (rec: RecordedRequest) => void;
  }) {
    this.server = createServer((req, res) => void this.handle(req, res).catch((e: unknown) => {
      this.opts.violation(`fake-discord internal error on ${req.method} ${req.url}: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
    }));
    this.server.on('upgrade', (req, socket, head) => this.opts.onUpgrade(req, socket, head));
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => {
      const addr = this.server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listeners.clear();
  }

  failNext(matcher: { method: string; pathPattern: RegExp }, failure: Failure): void {
    this.failures.push({ method: matcher.method.toUpperCase(), pathPattern: matcher.pathPattern, failure });
  }

  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (r: RecordedRequest) => {
        if (!pred(r)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join('\n  ');
        reject(new Error(`fake-discord: waitForRequest timed out after ${timeoutMs}ms; requests so far:\n  ${seen}`));
      }, timeoutMs);
      timer.unref();
      this.listeners.add(listener);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const method = (req.method ?? 'GET').toUpperCase();
    const versioned = url.pathname.startsWith('/api/v10/');
    // rec.path is percent-decoded: discord.js sends /messages/%40original, recorded as /messages/@original.
    const decoded = !url.pathname.includes('%') ? url.pathname : url.pathname.split('/').map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    }).join('/');
    const rec: RecordedRequest = {
      method, path: versioned ? decoded.slice('/api/v10'.length) : decoded,
      query: Object.fromEntries(url.searchParams), headers, body: null, at: Date.now(), files: [],
      status: 0, injected: false, violations: [],
    };
    const issues: Issue[] = [];
    const afters: Array<() => void> = [];
    const matched: { route?: Route } = {};
    const result = await this.route(rec, raw, versioned, issues, afters, matched);
    for (const i of issues) this.violate(rec, `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
    if (result.status >= 400 && !rec.injected && !issues.some((i) => i.reject)) {
      const b = result.body as { message?: string; code?: number } | undefined;
      this.violate(rec, `answered ${result.status} ${b?.code ?? ''} ${b?.message ?? ''}`.trim());
    }
    this.write(res, rec, result, matched.route);
    this.requests.push(rec);
    this.opts.onRecord?.(rec);
    for (const fn of afters) fn();
    for (const l of [...this.listeners]) l(rec);
  }

  private violate(rec: RecordedRequest, reason: string): void {
    rec.violations.push(reason);
    this.opts.violation(`${rec.method} ${rec.path}: ${reason}`);
  }

  private async route(rec: RecordedRequest, raw: Buffer, versioned: boolean, issues: Issue[], afters: Array<() => void>, matched: { route?: Route }): Promise<RouteResult> {
    const ct = rec.headers['content-type'] ?? '';
    if (raw.length) {
      if (ct.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
        for (const [key, value] of form.entries()) {
          if (key === 'payload_json' && typeof value === 'string') rec.body = JSON.parse(value);
          else if (typeof value !== 'string') rec.files.push(key);
        }
      } else {
        try {
          rec.body = JSON.parse(raw.toString('utf8'));
        } catch {
          return err(400, 50109, 'The request body contains invalid JSON.');
        }
        if (!ct.startsWith('application/json')) issues.push({ path: [], message: `JSON body sent with content-type ${JSON.stringify(ct)}`, reject: false });
      }
    }
    const failureIndex = this.failures.findIndex((f) => f.method === rec.method && f.pathPattern.test(rec.path));
    if (failureIndex >= 0) {
      const { failure } = this.failures.splice(failureIndex, 1)[0]!;
      rec.injected = true;
      if (failure.status === 500) return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      return { status: 429, body: { message: 'You are being rate limited.', retry_after: failure.retryAfter, global: failure.global ?? false, code: 0 } };
    }
    if (!versioned) return err(404, 0, `404: Not Found (expected an /api/v10/ path, got ${rec.path})`);
    if (!/^DiscordBot \(\S+, \S+\)/.test(rec.headers['user-agent'] ?? '')) {
      issues.push({ path: [], message: `User-Agent must be "DiscordBot ($url, $version)", got ${JSON.stringify(rec.headers['user-agent'])}`, reject: false });
    }
    // The first route whose path and method match; a path known under other methods only is a 405.
    let pathKnown = false;
    let hit: { r: Route; m: RegExpExecArray } | undefined;
    for (const r of this.opts.routes()) {
      const m = r.pattern.exec(rec.path);
      if (!m) continue;
      pathKnown = true;
      if (r.method === rec.method) {
        hit = { r, m };
        break;
      }
    }
    if (!pathKnown) return err(404, 0, '404: Not Found');
    if (!hit) return err(405, 0, '405: Method Not Allowed');
    matched.route = hit.r;
    if (hit.r.auth && rec.headers.authorization !== `Bot ${this.opts.token}`) return err(401, 0, '401: Unauthorized');
    const allowedQuery = hit.r.query ?? [];
    for (const k of Object.keys(rec.query)) if (!allowedQuery.includes(k)) issues.push({ path: ['?' + k], message: `unknown query parameter ${k}`, reject: false });
    const ctx: RouteContext = {
      req: rec,
      params: { ...hit.m.groups },
      check: (found) => {
        issues.push(...found);
        const rejecting = found.filter((i) => i.reject);
        if (!rejecting.length) return null;
        const special = rejecting.find((i) => i.code && i.code !== 50035);
        if (special) return err(400, special.code!, special.message);
        return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: nestErrors(rejecting) } };
      },
      after: (fn) => afters.push(fn),
    };
    return hit.r.handler(ctx);
  }

  /** Bucket ids are fixed per route, so each is hashed once. */
  private readonly buckets = new Map<string, string>();
  private bucketOf(shape: string): string {
    let bucket = this.buckets.get(shape);
    if (bucket === undefined) {
      bucket = createHash('sha1').update(shape).digest('hex').slice(0, 16);
      if (this.buckets.size >= 1024) this.buckets.clear(); // unmatched paths could make shapes unbounded
      this.buckets.set(shape, bucket);
    }
    return bucket;
  }

  private write(res: ServerResponse, rec: RecordedRequest, result: RouteResult, route: Route | undefined): void {
    // Like Discord, one bucket per route whatever its ids and tokens (discord.js keys its queues by
    // bucket, so a bucket per interaction token would give it a new queue for every interaction).
    const bucket = this.bucketOf(`${rec.method} ${route ? route.pattern.source : rec.path.replace(/\d{17,20}/g, ':id')}`);
    const h: Record<string, string> = { 'content-type': 'application/json', via: '1.1 fake-discord' };
    const now = Date.now() / 1000;
    if (result.status === 429) {
      const b = result.body as { retry_after: number; global: boolean };
      h['retry-after'] = String(b.retry_after);
      h['x-ratelimit-scope'] = b.global ? 'global' : 'user';
      if (b.global) h['x-ratelimit-global'] = 'true';
      else Object.assign(h, {
        'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-bucket': bucket,
        'x-ratelimit-reset': (now + b.retry_after).toFixed(3), 'x-ratelimit-reset-after': b.retry_after.toFixed(3),
      });
    } else {
      Object.assign(h, {
        'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-bucket': bucket,
        'x-ratelimit-reset': (now + 1).toFixed(3), 'x-ratelimit-reset-after': '1.000',
      });
    }
    const empty = result.status === 204 || result.body === undefined;
    rec.status = empty && result.status === 200 ? 204 : result.status;
    rec.response = result.body;
    if (empty) {
      delete h['content-type'];
      res.writeHead(rec.status, h);
      res.end();
      return;
    }
    res.writeHead(result.status, h);
    res.end(JSON.stringify(result.body));
  }
}
