import { describe, expect, it, vi } from 'vitest';
import { type Doc, run } from '../../../functions/cli/eval/quotes.ts';
import { ablation, crossValidate, foldOf, spread } from '../../../functions/cli/eval/quotes-cv.ts';
import { ALL_RULES } from '../../../functions/core/nlp/quotes/rules.ts';
import type { EntityMention } from '../../../functions/core/types.ts';
import { mentions } from '../../core/nlp/quotes/helpers.ts';

/** An invented document: `"…," NAME said.` then an uncued quotation in the next paragraph. */
function doc(n: number): { doc: Doc; mentions: EntityMention[] } {
  const name = ['Ada Lind', 'Bo Ferris', 'Cy Moran', 'Di Okafor', 'Ed Sauer', 'Flo Tam'][n % 6]!;
  const first = `"The pier needs repairs number ${n}," ${name} said.`;
  const text = `${first}\n\n"It will cost more than we thought."`;
  const a = first.indexOf('"', 1) + 1;
  const s = first.indexOf(name);
  const b = text.lastIndexOf('"It');
  return {
    doc: {
      name: `doc_${n}`,
      text,
      attributions: [
        { content: [{ start: 0, end: a }], sources: [{ start: s, end: s + name.length }] },
        { content: [{ start: b, end: text.length }], sources: [{ start: s, end: s + name.length }] },
      ],
    },
    mentions: mentions(text, [[name, 'PERSON']]),
  };
}

const corpus = Array.from({ length: 9 }, (_, i) => doc(i));
const docs = corpus.map((c) => c.doc);
const mentionsOf = corpus.map((c) => c.mentions);

describe('eval quotes --cv', () => {
  it('folds by document name: deterministic, in range, independent of order', () => {
    const f = docs.map((d) => foldOf(d.name, 3));
    expect(f.every((x) => x >= 0 && x < 3)).toBe(true);
    expect([...docs].reverse().map((d) => foldOf(d.name, 3))).toEqual([...f].reverse());
    expect(new Set(f).size).toBeGreaterThan(1);
  });

  it('spread: mean, sample sd, min and max', () => {
    const s = spread([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 10);
    expect([s.min, s.max]).toEqual([1, 4]);
  });

  it('scores every fold with a model trained on the others', () => {
    const [r, strict] = crossValidate(docs, mentionsOf, 3, { epochs: 2, runs: 1, seed: 7 }, [
      { direct: 0, indirect: 0 },
      { direct: 1, indirect: 1 },
    ]);
    if (!r || !strict) throw new Error('one result per threshold pair');
    // A threshold of 1 keeps nothing: the filter is applied to the held-out folds.
    expect(strict.thresholds).toEqual({ direct: 1, indirect: 1 });
    expect(strict.figures.directRecall!.mean).toBe(0);
    expect(r.folds).toBe(3);
    expect(r.documents.reduce((a, b) => a + b, 0)).toBe(docs.length);
    const e2e = r.figures.endToEndF1!;
    expect(e2e.values).toHaveLength(3);
    expect(e2e.min).toBeLessThanOrEqual(e2e.mean);
    expect(e2e.mean).toBeLessThanOrEqual(e2e.max);
    // Every quotation is found; the cued ones are all credited.
    expect(r.figures.directRecall!.mean).toBe(1);
    expect(r.figures.attributionAccuracy!.min).toBeGreaterThanOrEqual(0.5);
  });
});

describe('eval quotes --ablate', () => {
  it('reports every rule id, and the change when one is off', () => {
    const r = ablation(docs, mentionsOf);
    expect(r.rows.map((x) => x.id).sort()).toEqual(ALL_RULES.map((x) => x.id).sort());
    const by = new Map(r.rows.map((x) => [x.id, x]));
    // Named speakers are all this corpus has: without their resolution, the speakers are lost.
    expect(by.get('resolve.named')!.delta.endToEndF1!).toBeLessThan(0);
    expect(by.get('resolve.named')!.changed).toBeGreaterThan(0);
    // Another rule takes over the only cue's quotations: outputs change (cue), the score need not.
    expect(by.get('tail.subject-verb')!.changed).toBeGreaterThan(0);
    // A rule with nothing to do here changes nothing.
    expect(by.get('possessive.claim')!.changed).toBe(0);
    expect(by.get('possessive.claim')!.delta.endToEndF1).toBe(0);
    // Sorted by the change of end-to-end F1, worst first.
    const d = r.rows.map((x) => x.delta.endToEndF1!);
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });
});

describe('eval quotes arguments', () => {
  it('--cv needs 2 or more folds; --cv and --ablate do not mix', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--data', '/nonexistent', '--cv', '1'])).toBe(2);
      expect(await run(['--data', '/nonexistent', '--cv', '3', '--ablate'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
