import { describe, expect, it } from 'vitest';
import { checkComponents } from './support/fake-discord/validate-components.js';
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
});
