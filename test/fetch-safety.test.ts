/**
 * Fetching safely. Every fetch here goes to a server on 127.0.0.0/8: literal addresses outside it
 * are only ever given to `addressRefusal`, which connects to nothing.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal, type AddressRule } from '../src/fetch/address-rule.js';
import { decodeText } from '../src/fetch/charset.js';
import { RobotsCache } from '../src/fetch/robots.js';
import { FetchRefusal, safeFetch, USER_AGENT, type FetchOptions } from '../src/fetch/safe-fetch.js';
import { loopbackResolver, redirect, serve, startLoopbackServer, type LoopbackServer } from './support/loopback-server.js';

const PUBLIC_ONLY: AddressRule = { allowPrivate: false };
const LOCAL_ALLOWED: AddressRule = { allowPrivate: true };
/** The test-only rule: private ranges allowed, but 127.0.0.2 refused, so a hop there shows a check. */
const NOT_127_0_0_2: AddressRule = { allowPrivate: true, refuse: ['127.0.0.2'] };

const refused = async (promise: Promise<unknown>): Promise<FetchRefusal> => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FetchRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal, got a response');
};

describe('the address rule (no connection made)', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['10.0.0.1', /private network/],
    ['172.16.5.4', /private network/],
    ['192.168.1.1', /private network/],
    ['169.254.169.254', /link-local.*metadata/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.1', /multicast/],
    ['192.0.2.1', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fd00::1', /unique-local/],
    ['fe80::1', /link-local/],
    ['::ffff:127.0.0.1', /IPv4 address written as IPv6/],
    ['::ffff:8.8.8.8', /IPv4 address written as IPv6/],
    ['64:ff9b::7f00:1', /NAT64/],
    ['[::1]', /loopback/],
  ])('refuses %s, saying why', (address, why) => {
    const reason = addressRefusal(address, PUBLIC_ONLY);
    expect(reason).toMatch(why);
    expect(reason).toContain('ALLOW_PRIVATE_URLS');
  });

  it.each(['8.8.8.8', '1.1.1.1', '151.101.1.69', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e'])('allows the public address %s', (address) => {
    expect(addressRefusal(address, PUBLIC_ONLY)).toBeNull();
  });

  it('ALLOW_PRIVATE_URLS allows private ranges, and the test-only list still refuses its own', () => {
    expect(addressRefusal('127.0.0.1', LOCAL_ALLOWED)).toBeNull();
    expect(addressRefusal('10.0.0.1', LOCAL_ALLOWED)).toBeNull();
    expect(addressRefusal('127.0.0.1', NOT_127_0_0_2)).toBeNull();
    expect(addressRefusal('127.0.0.2', NOT_127_0_0_2)).toMatch(/refused addresses/);
    expect(addressRefusal('::ffff:127.0.0.2', NOT_127_0_0_2)).toMatch(/refused addresses/);
    expect(addressRefusal('not-an-ip', LOCAL_ALLOWED)).toMatch(/not an IP address/);
  });
});

describe('safeFetch against servers on 127.0.0.1 and 127.0.0.2', () => {
  let a: LoopbackServer;
  let b: LoopbackServer;
  const opts = (rule: AddressRule, more: Partial<FetchOptions> = {}): FetchOptions => ({ rule, robots: false, ...more });

  beforeAll(async () => {
    a = await startLoopbackServer('127.0.0.1');
    b = await startLoopbackServer('127.0.0.2');
    a.routes.set('/page', serve('<p>hello</p>'));
    b.routes.set('/page', serve('<p>from b</p>'));
    a.routes.set('/to-b', redirect(`${b.origin}/page`));
    a.routes.set('/to-a', redirect('/page', 301));
    a.routes.set('/to-name', redirect(`http://rebind.test:${b.port}/page`));
    a.routes.set('/to-file', (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    for (let i = 0; i < 7; i++) a.routes.set(`/hop${i}`, redirect(`/hop${i + 1}`));
    a.routes.set('/hop7', serve('<p>end of the chain</p>'));
    a.routes.set('/loop1', redirect('/loop2'));
    a.routes.set('/loop2', redirect('/loop1'));
    a.routes.set('/big', serve(Buffer.alloc(6 * 1024 * 1024, 'a')));
    a.routes.set('/big-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(256 * 1024, 'b');
      let sent = 0;
      const push = () => {
        // Stops once the client has gone; never sends more than 10 MB in any case.
        while (sent < 10 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      push();
    });
    a.routes.set('/bomb', serve(gzipSync(Buffer.alloc(20 * 1024 * 1024, 'z')), { 'content-type': 'text/html', 'content-encoding': 'gzip' }));
    a.routes.set('/gzip', serve(gzipSync('<p>compressed</p>'), { 'content-type': 'text/html', 'content-encoding': 'gzip' }));
    a.routes.set('/slow', (_req, res) => void setTimeout(() => res.writeHead(200).end('late'), 3000));
    a.routes.set('/ua', (req, res) => void res.writeHead(200).end(String(req.headers['user-agent'])));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('fetches with a User-Agent that names the bot', async () => {
    const res = await safeFetch(`${a.origin}/ua`, opts(LOCAL_ALLOWED));
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^ChinaLLMNewsBot\//);
  });

  it('without ALLOW_PRIVATE_URLS, 127.0.0.1 is refused before a connection is opened', async () => {
    const before = a.connections;
    const err = await refused(safeFetch(`${a.origin}/page`, opts(PUBLIC_ONLY)));
    expect(err.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(err.kind).toBe('address');
    expect(a.connections).toBe(before);
  });

  it('a name is checked when the connection is made: one that resolves to loopback is refused', async () => {
    const before = a.connections;
    const resolve = loopbackResolver({ 'news.test': ['127.0.0.1'] });
    const err = await refused(safeFetch(`http://news.test:${a.port}/page`, opts(PUBLIC_ONLY, { resolve })));
    expect(err.message).toMatch(/news\.test resolves to 127\.0\.0\.1 is a loopback address/);
    expect(a.connections).toBe(before);
    // The same name, allowed, reaches the server: the refusal above was the rule, not the name.
    const ok = await safeFetch(`http://news.test:${a.port}/page`, opts(LOCAL_ALLOWED, { resolve: loopbackResolver({ 'news.test': ['127.0.0.1'] }) }));
    expect(ok.body.toString()).toBe('<p>hello</p>');
  });

  it('every redirect hop is checked again: 127.0.0.1 allowed, a redirect to 127.0.0.2 refused', async () => {
    const direct = await safeFetch(`${a.origin}/page`, opts(NOT_127_0_0_2));
    expect(direct.status).toBe(200);
    const before = b.connections;
    const err = await refused(safeFetch(`${a.origin}/to-b`, opts(NOT_127_0_0_2)));
    expect(err.message).toMatch(/127\.0\.0\.2 is on this bot's list of refused addresses/);
    expect(b.connections).toBe(before);
    // Allowed by the rule, the same redirect is followed: it is the check that stopped it.
    const followed = await safeFetch(`${a.origin}/to-b`, opts(LOCAL_ALLOWED));
    expect(followed.body.toString()).toBe('<p>from b</p>');
    expect(followed.hops).toEqual([`${a.origin}/to-b`, `${b.origin}/page`]);
  });

  it('a redirect to a name is checked at connect time, even when the name resolved to an allowed address before (rebinding)', async () => {
    const resolve = loopbackResolver({ 'rebind.test': ['127.0.0.1', '127.0.0.2'] });
    // First look-up: 127.0.0.1, allowed.
    const first = await safeFetch(`http://rebind.test:${a.port}/page`, opts(NOT_127_0_0_2, { resolve }));
    expect(first.body.toString()).toBe('<p>hello</p>');
    const before = b.connections;
    const err = await refused(safeFetch(`${a.origin}/to-name`, opts(NOT_127_0_0_2, { resolve })));
    expect(err.message).toMatch(/rebind\.test resolves to 127\.0\.0\.2/);
    expect(b.connections).toBe(before);
  });

  it('https is checked the same way: the name\'s address is refused in the TLS connection\'s lookup, before any byte', async () => {
    const before = a.connections;
    const resolve = loopbackResolver({ 'secure.test': ['127.0.0.1'] });
    const err = await refused(safeFetch(`https://secure.test:${a.port}/page`, opts(PUBLIC_ONLY, { resolve })));
    expect(err).toMatchObject({ kind: 'address', message: expect.stringMatching(/^secure\.test resolves to 127\.0\.0\.1 is a loopback address/) });
    expect((await refused(safeFetch(`https://127.0.0.1:${a.port}/page`, opts(PUBLIC_ONLY)))).kind).toBe('address');
    expect(a.connections).toBe(before);
    // Allowed, the connection is made (and fails, as this server speaks no TLS): the lookup was the guard.
    const tls = await refused(safeFetch(`https://secure.test:${a.port}/page`, opts(LOCAL_ALLOWED, { resolve: loopbackResolver({ 'secure.test': ['127.0.0.1'] }) })));
    expect(tls.kind).toBe('other');
    expect(a.connections).toBe(before + 1);
  });

  it('a redirect to another scheme is refused', async () => {
    const err = await refused(safeFetch(`${a.origin}/to-file`, opts(LOCAL_ALLOWED)));
    expect(err.message).toMatch(/only http and https URLs are fetched, not file \(a redirect led there\)/);
    expect((await refused(safeFetch('ftp://127.0.0.1/x', opts(LOCAL_ALLOWED)))).message).toMatch(/not ftp/);
  });

  it('follows up to 5 redirects and refuses the 6th; a loop is named as a loop', async () => {
    const five = await safeFetch(`${a.origin}/hop2`, opts(LOCAL_ALLOWED));
    expect(five.body.toString()).toBe('<p>end of the chain</p>');
    expect(five.hops).toHaveLength(6);
    expect((await refused(safeFetch(`${a.origin}/hop1`, opts(LOCAL_ALLOWED)))).message).toBe('more than 5 redirects');
    expect((await refused(safeFetch(`${a.origin}/loop1`, opts(LOCAL_ALLOWED)))).message).toMatch(/^the redirects loop/);
    expect((await safeFetch(`${a.origin}/to-a`, opts(LOCAL_ALLOWED))).status).toBe(200);
  });

  it('caps the body while it streams: by Content-Length, by counting chunks, and after decompression', async () => {
    expect((await refused(safeFetch(`${a.origin}/big`, opts(LOCAL_ALLOWED)))).message).toBe('the response is larger than 5 MB');
    expect((await refused(safeFetch(`${a.origin}/big-chunked`, opts(LOCAL_ALLOWED)))).message).toBe('the response is larger than 5 MB');
    expect((await refused(safeFetch(`${a.origin}/bomb`, opts(LOCAL_ALLOWED)))).message).toBe('the response is larger than 5 MB');
    expect((await safeFetch(`${a.origin}/gzip`, opts(LOCAL_ALLOWED))).body.toString()).toBe('<p>compressed</p>');
  });

  it('gives up on a slow server at the timeout', async () => {
    const err = await refused(safeFetch(`${a.origin}/slow`, opts(LOCAL_ALLOWED, { timeoutMs: 300 })));
    expect(err.message).toBe('no answer within 0.3 s');
  });
});

describe('robots.txt', () => {
  let s: LoopbackServer;
  beforeAll(async () => {
    s = await startLoopbackServer();
    s.routes.set('/robots.txt', serve('User-agent: *\nDisallow: /private/\n\nUser-agent: ChinaLLMNewsBot\nDisallow: /no-bots/\n', { 'content-type': 'text/plain' }));
    s.routes.set('/news/1', serve('<p>ok</p>'));
    s.routes.set('/no-bots/1', serve('<p>secret</p>'));
    s.routes.set('/jump', redirect('/no-bots/1'));
  });
  afterAll(() => s?.close());

  it('is read once per site and honoured for the bot, redirect hops included', async () => {
    const robots = new RobotsCache();
    const o: FetchOptions = { rule: LOCAL_ALLOWED, robots };
    expect((await safeFetch(`${s.origin}/news/1`, o)).status).toBe(200);
    const err = await refused(safeFetch(`${s.origin}/no-bots/1`, o));
    expect(err.message).toBe(`${s.origin}/robots.txt does not allow ChinaLLMNewsBot to fetch /no-bots/1`);
    expect(err.kind).toBe('robots');
    expect((await refused(safeFetch(`${s.origin}/jump`, o))).message).toMatch(/does not allow/);
    expect(s.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(s.requests.some((r) => r.path === '/no-bots/1')).toBe(false);
  });

  it('a site without robots.txt may be fetched; one whose robots.txt fails with 5xx may not, for now', async () => {
    const t = await startLoopbackServer();
    try {
      t.routes.set('/a', serve('<p>a</p>'));
      expect((await safeFetch(`${t.origin}/a`, { rule: LOCAL_ALLOWED, robots: new RobotsCache() })).status).toBe(200);
      t.routes.set('/robots.txt', serve('down', { 'content-type': 'text/plain' }, 503));
      const err = await refused(safeFetch(`${t.origin}/a`, { rule: LOCAL_ALLOWED, robots: new RobotsCache() }));
      expect(err.message).toMatch(/robots\.txt could not be read \(503/);
    } finally {
      await t.close();
    }
  });
});

describe('character sets', () => {
  const gbk = Buffer.from('d6d0b9fab5c4b4f3c4a3d0cd', 'hex'); // 中国的大模型 in GBK
  it('takes the header, then a BOM, then <meta>, else UTF-8', () => {
    expect(decodeText(gbk, 'text/html; charset=GBK')).toMatchObject({ text: '中国的大模型', encoding: 'gbk', from: 'header' });
    const page = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'), gbk]);
    expect(decodeText(page, 'text/html')).toMatchObject({ encoding: 'gbk', from: 'meta' });
    expect(decodeText(page, 'text/html').text).toContain('中国的大模型');
    const gb18030 = Buffer.concat([Buffer.from('<meta charset="GB18030">'), gbk]);
    expect(decodeText(gb18030, undefined)).toMatchObject({ encoding: 'gb18030', from: 'meta' });
    expect(decodeText(Buffer.from('\uFEFF中文'), 'text/html')).toMatchObject({ text: '中文', from: 'bom' });
    expect(decodeText(Buffer.from('中文'), 'text/html; charset=nonsense')).toMatchObject({ text: '中文', from: 'default' });
  });
});
