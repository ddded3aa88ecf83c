import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { addressRefusal, isIpLiteral, type AddressRule } from './address-rule.js';
import type { RobotsRules } from './robots.js';

/** Names the bot to the sites it reads, so that their owners can see who fetched and why. */
export const USER_AGENT = 'ChinaLLMNewsBot/0.1 (a Discord bot that quotes news articles; fetches only pages and feeds its admins add)';
/** The product token robots.txt rules are matched against. */
export const ROBOTS_AGENT = 'ChinaLLMNewsBot';

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

/** How a name becomes addresses; tests pass one that answers with loopback addresses only. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface FetchOptions {
  rule: AddressRule;
  /** Extra request headers (Accept, If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>;
  /** For the whole fetch, redirects included. */
  timeoutMs?: number;
  /** Largest body read, counted as it streams (after decompression). */
  maxBytes?: number;
  maxRedirects?: number;
  /** robots.txt, checked for every URL fetched (each redirect hop too); false: not checked (robots.txt itself). */
  robots: RobotsRules | false;
  resolve?: Resolver;
  signal?: AbortSignal;
}

export interface FetchedResponse {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Every URL requested, in order (the first is the one asked for). */
  hops: string[];
}

/** The bot would not fetch, or could not fetch, a URL; `message` says why in a sentence fragment. */
export class FetchRefusal extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** `address`: the address rule refused it; `robots`: robots.txt did; `other`: anything else. */
    readonly kind: 'address' | 'robots' | 'other' = 'other',
  ) {
    super(message);
    this.name = 'FetchRefusal';
  }
}

/** A refusal made inside the connection's DNS lookup, carried out through the request's error. */
class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED';
}

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * A `lookup` for the connection itself: the addresses a name resolves to are checked in the very
 * call that hands them to the socket, so what is checked is what is connected to. A check made
 * before the request could be undone by the name resolving differently a moment later (DNS
 * rebinding), and a redirect would skip it altogether.
 */
function checkedLookup(rule: AddressRule, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const wanted = family ? addresses.filter((a) => a.family === family) : addresses;
        const refusals = wanted.map((a) => addressRefusal(a.address, rule));
        const allowed = wanted.filter((_, i) => refusals[i] === null);
        if (allowed.length === 0) {
          const why = refusals.find((r) => r !== null) ?? `${hostname} has no address`;
          callback(new AddressRefused(`${hostname} resolves to ${why}`), '', 0);
          return;
        }
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * GET `url` the way the bot fetches anything from outside: http and https only, every address
 * checked as the connection is made, at most 5 redirects (each checked again), 15 s for the whole
 * fetch, the body capped while it streams, robots.txt honoured. Resolves with any HTTP status
 * (callers decide what 304, 404 or 429 mean); rejects with a `FetchRefusal` saying why otherwise.
 */
export async function safeFetch(url: string, options: FetchOptions): Promise<FetchedResponse> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const onOuterAbort = () => deadline.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const hops: string[] = [];
  let current = url;
  try {
    for (;;) {
      const target = checkUrl(current, url);
      hops.push(target.href);
      if (options.robots) {
        const why = await options.robots.refusal(target, { ...options, signal: deadline.signal });
        if (why) throw new FetchRefusal(why, target.href, 'robots');
      }
      const response = await requestOnce(target, options, deadline.signal, timeoutMs);
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(response.status) && location) {
        const next = new URL(location, target).href;
        if (hops.includes(next)) throw new FetchRefusal(`the redirects loop (${target.href} sends back to ${next})`, url);
        if (hops.length > maxRedirects) throw new FetchRefusal(`more than ${maxRedirects} redirects`, url);
        current = next;
        continue;
      }
      return { ...response, url: target.href, hops };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function checkUrl(raw: string, asked: string): URL {
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    throw new FetchRefusal('not a URL', raw);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    const how = raw === asked ? '' : ' (a redirect led there)';
    throw new FetchRefusal(`only http and https URLs are fetched, not ${target.protocol.replace(/:$/, '')}${how}`, raw, 'address');
  }
  if (target.username || target.password) throw new FetchRefusal('a URL with a user name or password is not fetched', target.href);
  return target;
}

interface OneResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function requestOnce(target: URL, options: FetchOptions, signal: AbortSignal, timeoutMs: number): Promise<OneResponse> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  // No DNS lookup happens for an address in the URL, so it is checked here, before any connection.
  if (isIpLiteral(target.hostname)) {
    const why = addressRefusal(target.hostname, options.rule);
    if (why) return Promise.reject(new FetchRefusal(why, target.href, 'address'));
  }
  if (signal.aborted) return Promise.reject(new FetchRefusal(`no answer within ${timeoutMs / 1000} s`, target.href));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<OneResponse>((resolve, reject) => {
    const fail = (err: unknown) => reject(asRefusal(err, target.href, signal, timeoutMs));
    const req = client.request(
      target,
      {
        method: 'GET',
        // A fresh connection per request: a kept-alive socket was checked for another fetch's rule.
        agent: false,
        lookup: checkedLookup(options.rule, options.resolve ?? systemResolver),
        signal,
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
          ...options.headers,
        },
      },
      (res) => {
        readBody(res, maxBytes).then(
          (body) => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body }),
          (err: unknown) => {
            req.destroy();
            fail(err);
          },
        );
      },
    );
    req.on('error', fail);
    req.end();
  });
}

/** The body, decompressed, refused once it passes `maxBytes` (without reading the rest). */
function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const status = res.statusCode ?? 0;
  const declared = Number(res.headers['content-length']);
  if ([301, 302, 303, 307, 308, 304].includes(status)) {
    res.resume();
    return Promise.resolve(Buffer.alloc(0));
  }
  const tooBig = () => new BodyTooLarge(`the response is larger than ${formatBytes(maxBytes)}`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(tooBig());
  }
  const decoder = decompressor(res.headers['content-encoding']);
  const stream = decoder ? res.pipe(decoder) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooBig()); // first: destroying emits 'aborted', which must not be the reason given
        res.destroy();
        decoder?.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('the connection closed before the whole response arrived')));
  });
}

class BodyTooLarge extends Error {}

function decompressor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

function asRefusal(err: unknown, url: string, signal: AbortSignal, timeoutMs: number): FetchRefusal {
  if (err instanceof FetchRefusal) return err;
  if (err instanceof AddressRefused) return new FetchRefusal(err.message, url, 'address');
  if (err instanceof BodyTooLarge) return new FetchRefusal(err.message, url);
  if (signal.aborted) return new FetchRefusal(`no answer within ${timeoutMs / 1000} s`, url);
  const e = err as NodeJS.ErrnoException;
  const host = new URL(url).host;
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FetchRefusal(`the name ${new URL(url).hostname} could not be resolved`, url);
    case 'ECONNREFUSED':
      return new FetchRefusal(`${host} refused the connection`, url);
    case 'ECONNRESET':
      return new FetchRefusal(`${host} closed the connection`, url);
    default:
      return new FetchRefusal(`the fetch failed: ${e.message}`, url);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** A header's value as one string (the first when repeated). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
