import { describe, expect, it } from 'vitest';
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { extract } from '#core/nlp/extract.ts';
import type { Article } from '#core/types.ts';
import { FAMILIES } from '../../bench/adversarial-inputs.ts';
import { spanProblems } from '../support/spans.ts';

/**
 * Correctness (not timing: that is `npm run bench -- --only adversarial`) on the adversarial
 * families: parsing gives articles or a reason code, extraction never throws, every span is valid.
 */

type Parsed = { articles: Article[] } | { reason: string };

function parseOrReason(text: string, filename: string): Parsed {
  try {
    return { articles: parseObject(new TextEncoder().encode(text), { filename }) };
  } catch (error) {
    if (error instanceof UnusableContentError) return { reason: error.reason };
    throw error;
  }
}

describe('adversarial input families', () => {
  for (const family of FAMILIES) {
    it(`${family.name} (${family.description}): no throw, valid spans`, () => {
      // a size big enough to take the family's worst paths, small enough for a unit test
      const n = Math.max(64, Math.floor(family.fullSize / 200));
      const text = family.make(n);
      const parsed = parseOrReason(text, family.filename);
      if ('reason' in parsed) expect(parsed.reason).toMatch(/^[A-Z_]+$/);
      const bodies = 'articles' in parsed ? parsed.articles.map((a) => a.body) : [];
      for (const body of [...bodies, text]) {
        const extraction = extract(body);
        expect(spanProblems(body, extraction)).toEqual([]);
      }
    });
  }

  it('recovers the body from inside 10,000 nested tags', () => {
    const html = FAMILIES.find((f) => f.name === 'nestedTags')!.make(10_000);
    const parsed = parseOrReason(html, 'nested.html');
    expect('articles' in parsed).toBe(true);
    if (!('articles' in parsed)) return;
    const body = parsed.articles[0]!.body;
    expect(body).toContain('Deep inside');
    const quotes = extract(body).quotes;
    expect(quotes.map((q) => q.text).join(' ')).toContain('Deep inside');
  });

  it('keeps a 1 MB "word" whole in the body and finds nothing in it', () => {
    const text = FAMILIES.find((f) => f.name === 'longWord')!.make(1_048_576);
    const parsed = parseOrReason(text, 'word.txt');
    if (!('articles' in parsed)) throw new Error(`rejected: ${parsed.reason}`);
    const body = parsed.articles[0]!.body;
    const extraction = extract(body);
    expect(spanProblems(body, extraction)).toEqual([]);
    expect(extraction.quotes).toEqual([]);
  });
});

describe('a stray quotation mark', () => {
  const later = [
    '"The bridge opens on Monday," Ann Lee said.',
    '"We expect less traffic," said Tom Casey.',
    '"It cost less than planned," Lee said.',
  ];

  for (const stray of ['"', '“', '«', "'", '„', '``']) {
    it(`(${stray}) never swallows the rest of the article`, () => {
      const text = [
        `METROPOLIS -- The city council met on Tuesday ${stray}and voted on the budget.`,
        'Members discussed the new bridge at length.',
        ...later,
      ].join('\n\n');
      const { quotes } = extract(text);
      expect(spanProblems(text, extract(text))).toEqual([]);
      const strayAt = text.indexOf(stray);
      const firstLater = text.indexOf(later[0]!);
      // no quote opened at the stray mark runs into the later paragraphs
      for (const q of quotes) if (q.start <= strayAt) expect(q.end).toBeLessThan(firstLater);
      // and each later quotation is still found, with its speaker
      for (const sentence of later) {
        const inner = sentence.slice(1, sentence.indexOf(',"'));
        const found = quotes.find((q) => q.text.includes(inner));
        expect(found, `quote "${inner}"`).toBeDefined();
        expect(found!.end - found!.start).toBeLessThan(sentence.length);
        expect(found!.speaker?.name ?? '').toMatch(/Lee|Casey/);
      }
    });
  }

  it('an unclosed mark in the last paragraph stays within it', () => {
    const text = `${later.join('\n\n')}\n\n“And then the lights went out, the council was told.`;
    const { quotes } = extract(text);
    expect(spanProblems(text, { entities: [], quotes })).toEqual([]);
    const lastPara = text.lastIndexOf('\n\n') + 2;
    for (const q of quotes) if (q.end > lastPara) expect(q.start).toBeGreaterThanOrEqual(lastPara);
  });
});
