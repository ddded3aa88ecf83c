import { describe, expect, it } from 'vitest';
import { actionRow, buttonSchema, checkComponents, plainButtonOk, plainRowOk } from './support/fake-discord/validate-components.js';
import { checkInteractionCallback } from './support/fake-discord/validate.js';

const button = (extra: Record<string, unknown>) => ({ type: 2, style: 2, label: 'x', ...extra });
const row = (...components: unknown[]) => ({ type: 1, components });
const rejected = (components: unknown[], flags?: number) => checkComponents(components, flags, ['components']).filter((i) => i.reject).map((i) => i.message);

describe('fake Discord: message components as documented', () => {
  it('accepts an action row of buttons and link buttons', () => {
    expect(rejected([row(button({ custom_id: 'vote:up:abc' }), { type: 2, style: 5, label: 'Source', url: 'https://example.com/a' })])).toEqual([]);
  });

  it('refuses what Discord refuses: long custom_ids, six to a row, six rows, a link with a custom_id, a repeated id', () => {
    expect(rejected([row(button({ custom_id: 'x'.repeat(101) }))])).not.toEqual([]);
    expect(rejected([row(...Array.from({ length: 6 }, (_, i) => button({ custom_id: `b${i}` })))])).not.toEqual([]);
    expect(rejected(Array.from({ length: 6 }, (_, i) => row(button({ custom_id: `r${i}` }))))).not.toEqual([]);
    expect(rejected([row({ type: 2, style: 5, label: 'a', url: 'https://e.com', custom_id: 'a' })])).not.toEqual([]);
    expect(rejected([row(button({ custom_id: 'same' }), button({ custom_id: 'same' }))])).not.toEqual([]);
    expect(rejected([row(button({}))])).not.toEqual([]);
    expect(rejected([row(button({ custom_id: 'a', label: 'y'.repeat(81) }))])).not.toEqual([]);
  });

  it('takes a deferred update (6) only for a component interaction', () => {
    expect(checkInteractionCallback({ type: 6 }, 3).filter((i) => i.reject)).toEqual([]);
    expect(checkInteractionCallback({ type: 6 }, 2).filter((i) => i.reject)).not.toEqual([]);
  });

  it('its fast paths accept nothing the schemas refuse (and the usual buttons do take them)', () => {
    const base = [
      button({ custom_id: 'vote:up:Iuwtov4ld2OgtuBz', emoji: { name: '👍' }, label: 'Helpful' }),
      { type: 2, style: 5, label: '[1] DeepSeek-V3', url: 'https://example.com/a' },
      { type: 2, style: 6, sku_id: '123' },
    ];
    const variants: Record<string, unknown>[] = [];
    const values = [undefined, null, 0, -1, 1.5, 7, 2, 5, '', 'x', 'y'.repeat(33), 'z'.repeat(81), 'w'.repeat(101), 'not a url', 'ftp://e.com/x',
      'https://e.com/' + 'p'.repeat(600), '012', '99', true, 'true', [], {}, { name: 'x' }, { name: 'x', extra: 1 }, { id: 'abc', name: 'x' },
      { name: 'e'.repeat(33) }, { name: 'x', animated: 'no' }, Number.MAX_SAFE_INTEGER + 2, NaN];
    for (const b of base) {
      for (const key of ['type', 'id', 'custom_id', 'style', 'label', 'disabled', 'url', 'sku_id', 'emoji', 'unknown']) {
        for (const v of values) variants.push({ ...b, [key]: v });
      }
    }
    let fast = 0;
    for (const v of variants) {
      if (plainButtonOk(v)) {
        fast++;
        expect(buttonSchema.safeParse(v).success, JSON.stringify(v)).toBe(true);
      }
    }
    expect(fast).toBeGreaterThan(20);
    for (const b of base) expect(plainButtonOk(b)).toBe(true);
    const rows: Record<string, unknown>[] = [
      row(...base), row(), row(1), row([]), row(...Array.from({ length: 6 }, () => base[0])), { ...row(base[0]), id: -1 }, { ...row(base[0]), id: 3 },
      { ...row(base[0]), extra: true }, { type: 2, components: [base[0]] }, { type: 1, components: 'x' }, row({ type: 1.5 }), row({ type: '2' }),
    ];
    for (const r of rows) if (plainRowOk(r)) expect(actionRow.safeParse(r).success, JSON.stringify(r)).toBe(true);
    expect(plainRowOk(row(...base))).toBe(true);
  });
});
