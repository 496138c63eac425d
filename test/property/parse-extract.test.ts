import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { extract } from '#core/nlp/extract.ts';
import { spanProblems } from '../support/spans.ts';
import { anyText, FILENAMES, newsish } from './arbitraries.ts';

/**
 * Properties of the two pure entry points on arbitrary input. Runs are bounded (and inputs short)
 * so the file stays within a few seconds; a failure prints fast-check's seed and shrunk input.
 */

/**
 * fast-check runs synchronously, out of reach of vitest's timeout: a time limit per property keeps
 * a runaway input (or a long shrink) from stalling the suite, and counts as a failure.
 */
const LIMIT = { interruptAfterTimeLimit: 8000, markInterruptAsFailure: true } as const;
const RUNS = { numRuns: 300, ...LIMIT };

function expectOnlyUnusable(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof UnusableContentError)) throw error;
    expect(error.reason).toMatch(/^[A-Z_]+$/);
  }
}

describe('the span checker itself', () => {
  it('reports a span whose text does not match, one out of bounds, and disorder', () => {
    const text = 'Ann Lee said "yes".';
    const problems = spanProblems(text, {
      entities: [
        { type: 'PERSON', start: 4, end: 7, text: 'Lee', canonical: 'Ann Lee' },
        { type: 'PERSON', start: 0, end: 4, text: 'Ann', canonical: 'Ann Lee' },
      ],
      quotes: [{ type: 'direct', start: 13, end: 40, text: '"yes".', cue: null, speaker: null }],
    });
    expect(problems).toHaveLength(3);
  });
});

describe('extract on arbitrary text', () => {
  it('never throws, and every span round-trips, in bounds and in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const problems = spanProblems(text, extract(text));
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same text gives the same extraction', () => {
    fc.assert(
      fc.property(newsish, (text) => {
        expect(extract(text)).toEqual(extract(text));
      }),
      { numRuns: 60, ...LIMIT },
    );
  });

  it('keeps offsets relative to the text when a prefix is added (no global state)', () => {
    fc.assert(
      fc.property(newsish, newsish, (a, b) => {
        const text = `${a}\n\n${b}`;
        expect(spanProblems(text, extract(text))).toEqual([]);
      }),
      { numRuns: 60, ...LIMIT },
    );
  });
});

describe('parseObject on arbitrary bytes', () => {
  it('returns articles or throws UnusableContentError with a reason, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(...FILENAMES), (bytes, filename) => {
        expectOnlyUnusable(() => parseObject(bytes, { filename }));
      }),
      RUNS,
    );
  });

  it('does the same for arbitrary text in every format hint, and the bodies extract cleanly', () => {
    const wrapped = fc.oneof(
      anyText,
      anyText.map(
        (t) => `<html><head><title>${t.slice(0, 20)}</title></head><body><p>${t}</p></body></html>`,
      ),
      anyText.map((t) => JSON.stringify({ headline: t.slice(0, 20), body: t })),
      anyText.map((t) => `Outlet\n\nHeadline ${t.slice(0, 10)}\n\nCITY -- ${t}`),
      anyText.map(
        (t) => `<?xml version="1.0"?><nitf><body><body.content><p>${t}</p></body.content></body></nitf>`,
      ),
    );
    fc.assert(
      fc.property(wrapped, fc.constantFrom(...FILENAMES), (text, filename) => {
        const bytes = new TextEncoder().encode(text);
        let articles: ReturnType<typeof parseObject> = [];
        expectOnlyUnusable(() => {
          articles = parseObject(bytes, { filename });
        });
        for (const article of articles) {
          expect(typeof article.body).toBe('string');
          expect(spanProblems(article.body, extract(article.body))).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});
