import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../../functions/core/nlp/extract.ts';

const SEED = new URL('../../../../../shared/data/seed/000_46fdc26a7eb5e5c7.txt', import.meta.url);

describe.skipIf(!existsSync(SEED))('seed article (skipped: ../shared/data/seed is absent)', () => {
  const text = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';
  const quotes = text ? extract(text).quotes.filter((q) => q.type === 'direct') : [];
  const at = (needle: string) => {
    const q = quotes.find((x) => x.text.includes(needle));
    expect(q, `a quote containing ${needle}`).toBeDefined();
    return q!;
  };

  it('finds every direct quote with exact offsets', () => {
    expect(quotes).toHaveLength(5);
    for (const q of quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it('credits both quotes around "he said" to Sergei Ivanov through the pronoun', () => {
    const a = at("We're developing");
    const b = at('And if Iran wants');
    expect(a.speaker?.name).toBe('Sergei Ivanov');
    expect(a.speaker?.mention.text).toBe('he');
    expect(b.speaker?.name).toBe('Sergei Ivanov');
  });

  it('credits the "…," Ivanov said quote to Sergei Ivanov', () => {
    const q = at('The U N resolution');
    expect(q.speaker?.name).toBe('Sergei Ivanov');
    expect(q.speaker?.mention.text).toBe('Ivanov');
    expect(q.cue?.text).toBe('said');
  });

  it('credits Tom Casey, with his role, and continues him into the next paragraph', () => {
    const a = at("We don't think");
    expect(a.speaker?.name).toBe('Tom Casey');
    expect(a.speaker?.role).toBe('State Department spokesman');
    const b = at('We also believe');
    expect(b.speaker?.name).toBe('Tom Casey');
    expect(b.cue).toBeNull();
  });
});
