import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EntityMention } from '#core/types.ts';
import {
  type Annotations,
  annotationProblems,
  loadNewsSet,
  type Mention,
  NEWS_TYPES,
  NewsDataError,
  NewsScorer,
  namedMentions,
  textHash,
} from '../../../functions/cli/eval/ner-news.ts';

const DATA = new URL('../../../../shared/data/article-html/', import.meta.url);
const TRUTH = new URL('ground-truth.json', DATA);
/** Names that end in 's in their own spelling, listed in docs/annotation.md. */
const OWN_S = ["Lowe's"];
const ANNOTATIONS = new URL('../../../annotations/article-html/entities.json', import.meta.url);

/** Gold or predicted mentions written inline: the first occurrence of `s` at or after `from`. */
function at(text: string, s: string, type: Mention['type'], from = 0): Mention {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`${s} not in text`);
  return { start, end: start + s.length, type };
}

describe('news check set scorer', () => {
  const text = 'Mayor Ada Brook met Kestrel Labs in Port Vell on Tuesday, said the Vell Herald.';
  const gold = [
    at(text, 'Ada Brook', 'PERSON'),
    at(text, 'Kestrel Labs', 'ORGANIZATION'),
    at(text, 'Port Vell', 'LOCATION'),
    at(text, 'Vell Herald', 'ORGANIZATION'),
  ];

  it('counts exact span and type matches per type and overall', () => {
    const scorer = new NewsScorer();
    scorer.add('p1', gold, gold);
    const r = scorer.result();
    expect(r.documents).toBe(1);
    expect(r.overall).toMatchObject({ gold: 4, predicted: 4, correct: 4, precision: 1, recall: 1, f1: 1 });
    expect(r.byType.ORGANIZATION).toMatchObject({ gold: 2, correct: 2 });
    expect(r.byType.MISC).toMatchObject({ gold: 0, predicted: 0, f1: 0 });
    expect(scorer.errors).toEqual([]);
    expect(r.wrong.both).toEqual({ predicted: 3, wrong: 0, share: 0 });
  });

  it('classifies wrong type, wrong span, spurious and missed mentions', () => {
    const predicted = [
      at(text, 'Mayor Ada Brook', 'PERSON'), // title included: wrong span
      at(text, 'Kestrel Labs', 'PERSON'), // wrong type
      at(text, 'Port', 'ORGANIZATION'), // part of a place, other type
      at(text, 'Tuesday', 'MISC'), // nothing there
    ];
    const scorer = new NewsScorer();
    scorer.add('p1', gold, predicted);
    const kinds = scorer.errors.map((e) => e.kind);
    expect(kinds).toEqual(['wrong-span', 'wrong-type', 'wrong-span+type', 'spurious', 'missed']);
    expect(scorer.errors[4]!.gold).toEqual(gold[3]);
    const r = scorer.result();
    expect(r.overall).toMatchObject({ gold: 4, predicted: 4, correct: 0, f1: 0 });
    expect(r.errorClasses).toEqual({
      'wrong-type': 1,
      'wrong-span': 1,
      'wrong-span+type': 1,
      spurious: 1,
      missed: 1,
    });
  });

  it('reports precision, recall and F1 from the counts, and the share of wrong PERSON and ORGANIZATION', () => {
    const scorer = new NewsScorer();
    // Two people right, one organisation typed as a person, one organisation missed.
    const t = 'Ada Brook and Ben Orr left Kestrel Labs for Vell Herald.';
    const g = [
      at(t, 'Ada Brook', 'PERSON'),
      at(t, 'Ben Orr', 'PERSON'),
      at(t, 'Kestrel Labs', 'ORGANIZATION'),
      at(t, 'Vell Herald', 'ORGANIZATION'),
    ];
    scorer.add('p2', g, [g[0]!, g[1]!, { ...g[2]!, type: 'PERSON' }]);
    const r = scorer.result();
    expect(r.byType.PERSON.precision).toBeCloseTo(2 / 3);
    expect(r.byType.PERSON.recall).toBe(1);
    expect(r.byType.PERSON.f1).toBeCloseTo(0.8);
    expect(r.byType.ORGANIZATION).toMatchObject({ gold: 2, predicted: 0, recall: 0 });
    expect(r.overall.precision).toBeCloseTo(2 / 3);
    expect(r.overall.recall).toBeCloseTo(2 / 4);
    expect(r.wrong.PERSON).toEqual({ predicted: 3, wrong: 1, share: 1 / 3 });
    expect(r.wrong.ORGANIZATION).toEqual({ predicted: 0, wrong: 0, share: 0 });
    expect(r.wrong.both.share).toBeCloseTo(1 / 3);
  });

  it('sums documents before dividing (micro average)', () => {
    const scorer = new NewsScorer();
    const a = at(text, 'Port Vell', 'LOCATION');
    scorer.add('p1', [a], [a]);
    scorer.add('p2', [a, at(text, 'Ada Brook', 'PERSON')], []);
    const r = scorer.result();
    expect(r.documents).toBe(2);
    expect(r.byType.LOCATION.recall).toBe(0.5);
    expect(r.overall.recall).toBeCloseTo(1 / 3);
  });

  it('keeps only the four named types of the recogniser output', () => {
    const m = (type: EntityMention['type'], s: string): EntityMention => ({
      ...at(text, s, 'MISC'),
      type,
      text: s,
      canonical: s,
    });
    expect(
      namedMentions([m('PERSON', 'Ada Brook'), m('DATE', 'Tuesday'), m('LOCATION', 'Port Vell')]),
    ).toEqual([at(text, 'Ada Brook', 'PERSON'), at(text, 'Port Vell', 'LOCATION')]);
  });
});

describe('annotation checks', () => {
  const text = 'The Orr-Vane Trust, in north Port Vell’s docks, hired U.S. firm Kestrel-led crews.';

  it('accepts whole names, a hyphenated word and a closing abbreviation period', () => {
    const ok: [number, number, string][] = [
      [4, 18, 'ORGANIZATION'],
      [at(text, 'Port Vell', 'LOCATION').start, at(text, 'Port Vell', 'LOCATION').end, 'LOCATION'],
      [at(text, 'U.S.', 'LOCATION').start, at(text, 'U.S.', 'LOCATION').end, 'LOCATION'],
      [at(text, 'Kestrel-led', 'MISC').start, at(text, 'Kestrel-led', 'MISC').end, 'MISC'],
    ];
    expect(text.slice(4, 18)).toBe('Orr-Vane Trust');
    expect(annotationProblems(text, ok)).toEqual([]);
  });

  it('finds spans cut inside a word or a hyphenated word, with stray punctuation or a possessive, overlapping or unordered', () => {
    const vell = at(text, 'Port Vell', 'LOCATION');
    const kestrel = at(text, 'Kestrel', 'MISC');
    expect(annotationProblems(text, [[5, 18, 'ORGANIZATION']])).toEqual([
      '[5, 18, ORGANIZATION]: starts inside a word',
    ]);
    expect(annotationProblems(text, [[kestrel.start, kestrel.end, 'ORGANIZATION']])).toEqual([
      `[${kestrel.start}, ${kestrel.end}, ORGANIZATION]: ends inside a word`,
    ]);
    expect(annotationProblems(text, [[kestrel.start + 8, kestrel.end + 4, 'MISC']])).toEqual([
      `[${kestrel.start + 8}, ${kestrel.end + 4}, MISC]: starts inside a word`,
    ]);
    expect(annotationProblems(text, [[4, 19, 'ORGANIZATION']])).toEqual([
      "[4, 19, ORGANIZATION]: ends with ','",
    ]);
    expect(annotationProblems(text, [[3, 18, 'ORGANIZATION']])).toEqual([
      '[3, 18, ORGANIZATION]: starts with a non-word character',
    ]);
    expect(annotationProblems(text, [[vell.start, vell.end + 2, 'LOCATION']])).toEqual([
      `[${vell.start}, ${vell.end + 2}, LOCATION]: ends with a possessive 's`,
    ]);
    expect(annotationProblems(text, [[vell.start, vell.end - 1, 'LOCATION']])).toEqual([
      `[${vell.start}, ${vell.end - 1}, LOCATION]: ends inside a word`,
    ]);
    expect(
      annotationProblems(text, [
        [4, 18, 'ORGANIZATION'],
        [13, 18, 'ORGANIZATION'],
      ]),
    ).toEqual(['[13, 18, ORGANIZATION]: overlaps the previous mention']);
    expect(
      annotationProblems(text, [
        [vell.start, vell.end, 'LOCATION'],
        [4, 18, 'ORGANIZATION'],
      ]),
    ).toEqual(['[4, 18, ORGANIZATION]: not in text order']);
    const us = at(text, 'U.S.', 'LOCATION');
    expect(annotationProblems(text, [[us.start, us.end - 1, 'LOCATION']])).toEqual([
      `[${us.start}, ${us.end - 1}, LOCATION]: leaves out the closing period of an abbreviation`,
    ]);
    expect(annotationProblems(text, [[4, 500, 'PERSON']])).toEqual([
      '[4, 500, PERSON]: offsets out of range',
    ]);
    expect(annotationProblems(text, [[4, 18, 'PLACE']])).toEqual(['[4, 18, PLACE]: unknown type']);
  });

  it('hashes the UTF-8 text with SHA-256', () => {
    expect(textHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(textHash('é')).not.toBe(textHash('e\u0301'));
  });
});

describe('entities.json', () => {
  const annotations = JSON.parse(readFileSync(ANNOTATIONS, 'utf8')) as Annotations;

  it('holds at least 20 pages of offsets, types and hashes only', () => {
    const pages = Object.entries(annotations);
    expect(pages.length).toBeGreaterThanOrEqual(20);
    for (const [id, page] of pages) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(page).sort()).toEqual(['mentions', 'sha256']);
      expect(page.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(page.mentions.length).toBeGreaterThan(0);
      for (const m of page.mentions) {
        expect(m).toHaveLength(3);
        expect(NEWS_TYPES).toContain(m[2]);
      }
    }
  });

  const present = existsSync(TRUTH);
  if (!present) {
    console.warn(
      'entities.json NOT checked against the article bodies: ../shared/data/article-html/ground-truth.json is absent',
    );
  }

  it.skipIf(!present)(
    'matches the article bodies: hashes equal, every span on word boundaries, no overlaps (needs ../shared/data/article-html; not checked when absent)',
    () => {
      const pages = loadNewsSet(fileURLToPath(DATA), fileURLToPath(ANNOTATIONS));
      expect(pages.length).toBe(Object.keys(annotations).length);
      const problems: string[] = [];
      for (const p of pages) {
        const raw = annotations[p.id]!.mentions;
        for (const q of annotationProblems(p.text, raw)) {
          // A name whose own spelling ends in 's (docs/annotation.md) is no possessive.
          const [start, end] = q.match(/\d+/g)!.map(Number) as [number, number];
          if (q.endsWith("possessive 's") && OWN_S.includes(p.text.slice(start, end))) continue;
          problems.push(`${p.id.slice(0, 8)} ${q}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.skipIf(!present)('refuses a body whose hash differs from the annotation (needs the data)', () => {
    const [id, page] = Object.entries(annotations)[0]!;
    const changed = `${JSON.stringify({ [id]: { ...page, sha256: textHash('another text') } })}`;
    const file = new URL('../../../.tmp/entities-changed.json', import.meta.url);
    return import('node:fs').then(({ mkdirSync, writeFileSync, rmSync }) => {
      mkdirSync(new URL('.', file), { recursive: true });
      writeFileSync(file, changed);
      try {
        expect(() => loadNewsSet(fileURLToPath(DATA), fileURLToPath(file))).toThrow(NewsDataError);
        expect(() => loadNewsSet(fileURLToPath(DATA), fileURLToPath(file))).toThrow(/hash differs/);
      } finally {
        rmSync(file);
      }
    });
  });

  it('says in one line that the data is absent', () => {
    expect(() => loadNewsSet('/nonexistent/article-html', fileURLToPath(ANNOTATIONS))).toThrow(NewsDataError);
    expect(() => loadNewsSet('/nonexistent/article-html', fileURLToPath(ANNOTATIONS))).toThrow(
      /ground-truth\.json not found/,
    );
  });
});
