import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupEntities, recognizeEntities } from '#core/nlp/entities/recognize.ts';

const SEED = new URL('../../../../../shared/data/seed/000_46fdc26a7eb5e5c7.txt', import.meta.url);

describe.skipIf(!existsSync(SEED))('seed article entities (needs ../shared/data/seed)', () => {
  const text = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';
  const mentions = recognizeEntities(text);
  const entities = groupEntities(mentions);
  const names = (type: string) => entities.filter((e) => e.type === type).map((e) => e.name);

  it('keeps exact offsets and sorted mentions', () => {
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    for (let i = 1; i < mentions.length; i++)
      expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end);
  });

  it('finds the people, each as one entity carrying all its mentions', () => {
    const people = names('PERSON');
    expect(people).toEqual(expect.arrayContaining(['Sergei Ivanov', 'Tom Casey', 'Vladimir Putin']));
    const ivanov = entities.find((e) => e.name === 'Sergei Ivanov')!;
    const surnameCount = [...text.matchAll(/Ivanov/g)].length;
    expect(ivanov.mentions).toBe(surnameCount);
    expect(people.filter((p) => p.includes('Ivanov'))).toEqual(['Sergei Ivanov']);
  });

  it('finds the organisations', () => {
    const orgs = names('ORGANIZATION');
    expect(orgs).toContain('State Department');
    expect(orgs).toContain('United Nations');
    expect(orgs.some((o) => o.endsWith('Security Council'))).toBe(true);
    const un = entities.find((e) => e.name === 'United Nations' && e.type === 'ORGANIZATION')!;
    const forms = new Set(un.spans.map((s) => text.slice(s.start, s.end)));
    expect(forms).toEqual(new Set(['United Nations', 'U N']));
  });

  it('finds the places', () => {
    const places = names('LOCATION');
    for (const p of [
      'Russia',
      'Iran',
      'Tehran',
      'Moscow',
      'Washington',
      'Israel',
      'Bushehr',
      'Middle East',
    ]) {
      expect(places).toContain(p);
    }
  });
});
