import { describe, expect, it } from 'vitest';
import { DEFAULT_HTML_PARAMS } from '#core/article/formats/html/index.ts';
import {
  domainOf,
  headlineKey,
  leaveOneDomainOut,
  normalizeHeadline,
  pageF1,
  parameterGrid,
  robustness,
  scorePage,
  shingles,
  summarize,
} from '../../../functions/cli/eval/html.ts';

describe('article-body scoring', () => {
  it('tokenises on \\w+ keeping case, and counts 4-token shingles as a multiset', () => {
    const s = shingles('The cat, the cat; the cat sat');
    expect([...s.values()].reduce((a, b) => a + b, 0)).toBe(4);
    expect(s.get(['The', 'cat', 'the', 'cat'].join('\u0001'))).toBe(1);
    expect(s.get(['cat', 'the', 'cat', 'the'].join('\u0001'))).toBe(1);
    expect(shingles('Café naïve — ünïcode_word 42').size).toBe(1);
    expect(shingles('two words').size).toBe(1);
    expect(shingles('').size).toBe(0);
  });

  it('normalises each page by its total, so every page weighs the same', () => {
    const truth = 'one two three four five six';
    const perfect = scorePage(truth, truth);
    expect(perfect).toEqual({ tp: 1, fp: 0, fn: 0 });
    const half = scorePage(truth, 'one two three four');
    // truth has 3 shingles, prediction 1, shared 1: tp 1, fn 2.
    expect(half.tp).toBeCloseTo(1 / 3);
    expect(half.fn).toBeCloseTo(2 / 3);
    const extra = scorePage('a b c d', 'a b c d e');
    expect(extra.tp).toBeCloseTo(0.5);
    expect(extra.fp).toBeCloseTo(0.5);
  });

  it('aggregates precision and recall over pages and takes F1 from them', () => {
    const s = summarize([
      { tp: 1, fp: 0, fn: 0 },
      { tp: 0.5, fp: 0.5, fn: 0 },
    ]);
    expect(s.precision).toBeCloseTo(1.5 / 2);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo((2 * 0.75) / 1.75);
  });

  it('compares headlines ignoring case, punctuation and spacing', () => {
    expect(normalizeHeadline('  ‘He died’:  3 KILLED… ')).toBe('he died 3 killed');
    expect(headlineKey('Nelson’s OT goal')).toBe(headlineKey("nelson's  ot GOAL"));
    expect(headlineKey('a')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('leave-one-domain-out', () => {
  it('chooses each domain its candidate on the other domains only', () => {
    // candidate 0 is perfect on domain a and poor on b; candidate 1 the reverse; b has two pages
    const table = [
      [
        { tp: 1, fp: 0, fn: 0 },
        { tp: 0.2, fp: 0.4, fn: 0.4 },
        { tp: 0.2, fp: 0.4, fn: 0.4 },
      ],
      [
        { tp: 0.2, fp: 0.4, fn: 0.4 },
        { tp: 1, fp: 0, fn: 0 },
        { tp: 1, fp: 0, fn: 0 },
      ],
    ];
    const { chosen, scores } = leaveOneDomainOut(['a', 'b', 'b'], (c, p) => table[c]![p]!, 2);
    // a's page is scored with what b's pages prefer, and the reverse: the worst case
    expect(chosen).toEqual([1, 0, 0]);
    for (const f of scores.map(pageF1)) expect(f).toBeCloseTo(1 / 3);
    // ties go to the first candidate (the defaults)
    expect(leaveOneDomainOut(['a', 'b'], () => ({ tp: 1, fp: 0, fn: 0 }), 3).chosen).toEqual([0, 0]);
  });

  it('searches a grid that starts with the defaults', () => {
    const grid = parameterGrid();
    expect(grid[0]).toBe(DEFAULT_HTML_PARAMS);
    expect(grid).toHaveLength(729);
    expect(new Set(grid.map((p) => JSON.stringify(p))).size).toBe(729);
  });

  it('groups pages by web domain and reports the worst pages', () => {
    expect(domainOf('https://www.example.com/a/b', 'x')).toBe('example.com');
    expect(domainOf('not a url', 'x')).toBe('x');
    const r = robustness(
      ['p', 'q', 'r'],
      [
        { tp: 1, fp: 0, fn: 0 },
        { tp: 0, fp: 1, fn: 0 },
        { tp: 0.5, fp: 0.5, fn: 0 },
      ],
    );
    expect(r.minF1).toBe(0);
    expect(r.worst.map((w) => w.id)).toEqual(['q', 'r', 'p']);
    expect(r.meanF1).toBeCloseTo((1 + 0 + 2 / 3) / 3);
  });
});
