import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/discord/rate-limiter.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows max questions per window, then refuses with the seconds to wait', () => {
    const c = clock();
    const limiter = new RateLimiter({ max: 3, windowMs: 30_000, now: c.now });
    expect([1, 2, 3].map(() => limiter.take('u', 'mention').allowed)).toEqual([true, true, true]);
    c.advance(10_000);
    expect(limiter.take('u', 'mention')).toEqual({ allowed: false, retryAfterSeconds: 20, firstRefusal: true });
  });

  it('reports the first refusal only once per run, so spam gets one notice', () => {
    const c = clock();
    const limiter = new RateLimiter({ max: 1, windowMs: 5_000, now: c.now });
    limiter.take('u', 'mention');
    const refusals = [1, 2, 3].map(() => limiter.take('u', 'mention'));
    expect(refusals.map((r) => !r.allowed && r.firstRefusal)).toEqual([true, false, false]);
    c.advance(5_000);
    expect(limiter.take('u', 'mention').allowed).toBe(true);
    expect(limiter.take('u', 'mention')).toMatchObject({ allowed: false, firstRefusal: true });
  });

  it('counts the first refusal per surface: refused on /ask, a person is still told once by mention and once in DM', () => {
    const c = clock();
    const limiter = new RateLimiter({ max: 1, windowMs: 5_000, now: c.now });
    limiter.take('u', 'slash');
    const firsts = (['slash', 'slash', 'mention', 'mention', 'dm', 'dm', 'mention'] as const).map((surface) => {
      const r = limiter.take('u', surface);
      return !r.allowed && r.firstRefusal;
    });
    expect(firsts).toEqual([true, false, true, false, true, false, false]);
  });

  it('slides: a question leaves the window exactly windowMs later, and refusals do not extend it', () => {
    const c = clock();
    const limiter = new RateLimiter({ max: 2, windowMs: 10_000, now: c.now });
    limiter.take('u', 'mention');
    c.advance(6_000);
    limiter.take('u', 'mention');
    c.advance(3_000);
    expect(limiter.take('u', 'mention')).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    c.advance(1_000);
    expect(limiter.take('u', 'mention').allowed).toBe(true);
    expect(limiter.take('u', 'mention')).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
  });

  it('keeps users apart and forgets idle ones', () => {
    const c = clock();
    const limiter = new RateLimiter({ max: 1, windowMs: 1_000, now: c.now });
    expect(limiter.take('a', 'mention').allowed).toBe(true);
    expect(limiter.take('b', 'mention').allowed).toBe(true);
    c.advance(2_000);
    for (let i = 0; i < 1000; i++) limiter.take(`user${i % 3}`, 'mention');
    expect(limiter.size).toBeLessThanOrEqual(5);
  });

  it('rejects nonsense settings', () => {
    expect(() => new RateLimiter({ max: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ max: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
