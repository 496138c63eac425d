import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GOLD,
  describeGold,
  emptyNewsCounts,
  type GoldPage,
  type GoldSpeaker,
  headNoun,
  matchHalfGold,
  NON_QUOTE_KINDS,
  normalizeName,
  parseGold,
  run,
  scoreNewsPage,
  sha256,
  speakerMatches,
  summarizeNews,
} from '../../../functions/cli/eval/quotes-news.ts';
import type { Quote, Speaker } from '../../../functions/core/types.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/article-html', import.meta.url));
const TRUTH = join(DATA, 'ground-truth.json');

/** Runs the command with stdout and stderr captured. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => {
    out += c;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => {
    err += c;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await run(argv);
    return { code, out, err };
  } finally {
    process.stdout.write = w;
    process.stderr.write = e;
  }
}

function at(text: string, piece: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(piece, from);
  if (start < 0) throw new Error(`not in text: ${piece}`);
  return { start, end: start + piece.length };
}

function speaker(text: string, name: string, mention: string): Speaker {
  const m = at(text, mention);
  return { name, mention: { text: mention, ...m } };
}

function quote(text: string, piece: string, who: Speaker | null, from = 0): Quote {
  const s = at(text, piece, from);
  return { type: 'direct', text: piece, ...s, cue: null, speaker: who };
}

describe('eval quotes --news: speaker names', () => {
  it('normalises case, accents, possessives, determiners and honorifics', () => {
    expect(normalizeName('Dr. Zoë Marchetti')).toBe('zoe marchetti');
    expect(normalizeName("The harbour board's chair")).toBe('harbour board chair');
    expect(normalizeName('Mr Okafor')).toBe('okafor');
    expect(normalizeName('the')).toBe('the');
  });

  it('takes the head noun of a description, before its prepositional tail, in the singular', () => {
    expect(headNoun('a spokeswoman for the ferry company')).toBe('spokeswoman');
    expect(headNoun('the lighthouse keeper’s daughter')).toBe('daughter');
    expect(headNoun('several night-shift nurses')).toBe('nurse');
    expect(headNoun('two local libraries')).toBe('library');
    expect(headNoun('a witness, who asked not to be named')).toBe('witness');
  });

  const person: GoldSpeaker = { name: 'Ingrid Solberg', type: 'PERSON', aliases: ['Solberg'] };
  const described: GoldSpeaker = {
    name: 'a spokeswoman for the ferry company',
    type: 'description',
    aliases: ['the spokeswoman'],
  };
  const text = 'Ingrid Solberg said so. She added more. A spokeswoman for the ferry company agreed.';

  it('credits a named speaker by canonical name, alias, or a title before the full name', () => {
    expect(speakerMatches(speaker(text, 'Ingrid Solberg', 'She'), person)).toBe(true);
    expect(speakerMatches(speaker(text, 'Solberg', 'She'), person)).toBe(true);
    expect(speakerMatches(speaker(text, 'Harbour Director Ingrid Solberg', 'She'), person)).toBe(true);
    // The mention counts too when the name is not the gold one.
    expect(speakerMatches(speaker(text, 'Ingrid', 'Ingrid Solberg'), person)).toBe(true);
    expect(speakerMatches(speaker(text, 'Anna Solberg-Lund', 'She'), person)).toBe(false);
    expect(speakerMatches(speaker(text, 'Ingrid', 'She'), person)).toBe(false);
    expect(speakerMatches(null, person)).toBe(false);
  });

  it('credits a described speaker by its head noun, never a nearby name', () => {
    expect(speakerMatches(speaker(text, 'the ferry company spokeswoman', 'She'), described)).toBe(true);
    expect(speakerMatches(speaker(text, 'spokeswoman', 'She'), described)).toBe(true);
    expect(speakerMatches(speaker(text, 'Ingrid Solberg', 'She'), described)).toBe(false);
    expect(speakerMatches(speaker(text, 'ferry company', 'She'), described)).toBe(false);
  });
});

describe('eval quotes --news: matching and scoring', () => {
  it('matches one-to-one, largest overlap first, needing half the gold length', () => {
    const golds = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    expect([...matchHalfGold([{ start: 0, end: 5 }], golds)]).toEqual([[0, 0]]);
    expect([...matchHalfGold([{ start: 0, end: 4 }], golds)]).toEqual([]);
    const both = matchHalfGold(
      [
        { start: 0, end: 6 },
        { start: 0, end: 10 },
      ],
      golds,
    );
    expect([...both]).toEqual([[1, 0]]);
  });

  // An invented page: two quotations by a named speaker, one by a described one, a film title.
  const body = [
    'Ingrid Solberg, the harbour director, met reporters on Monday.',
    '“The new pier opens in spring,” Solberg said. “Ferries will run every hour.”',
    '“Tickets stay the same price,” a spokeswoman for the ferry company said.',
    'Solberg then praised the film “Salt and Sails” as a fine portrait of the town.',
  ].join('\n\n');
  const page: GoldPage = {
    sha256: sha256(body),
    language: 'en',
    speakers: [
      { name: 'Ingrid Solberg', type: 'PERSON', aliases: ['Solberg'] },
      { name: 'a spokeswoman for the ferry company', type: 'description', aliases: [] },
    ],
    quotes: [
      { ...at(body, '“The new pier opens in spring,”'), speaker: 0 },
      { ...at(body, '“Ferries will run every hour.”'), speaker: 0 },
      { ...at(body, '“Tickets stay the same price,”'), speaker: 1 },
    ],
    nonQuotes: [{ ...at(body, '“Salt and Sails”'), kind: 'title' }],
  };

  it('counts precision, recall, attribution by speaker kind, end to end and non-quotes by kind', () => {
    const solberg = speaker(body, 'Ingrid Solberg', 'Solberg');
    const preds: Quote[] = [
      quote(body, '“The new pier opens in spring,”', solberg),
      // The right words credited to the nearest name instead of the described speaker.
      quote(body, '“Tickets stay the same price,”', solberg),
      quote(body, '“Salt and Sails”', solberg),
      { ...quote(body, '“Ferries will run every hour.”', solberg), type: 'indirect' },
    ];
    const counts = emptyNewsCounts();
    const lines: string[] = [];
    scoreNewsPage('p1', body, page, preds, counts, (l) => lines.push(l));
    expect(counts).toMatchObject({
      pages: 1,
      gold: 3,
      predicted: 3,
      matched: 2,
      matchedWithSpeaker: 2,
      correct: 1,
      endToEnd: 1,
      matchedNamed: 1,
      correctNamed: 1,
      matchedDescribed: 1,
      correctDescribed: 0,
      falsePositives: 1,
      onNonEnglish: 0,
    });
    expect(counts.onNonQuotes.title).toBe(1);
    const s = summarizeNews(counts);
    expect(s.directPrecision).toBeCloseTo(2 / 3);
    expect(s.directRecall).toBeCloseTo(2 / 3);
    expect(s.attributionAccuracy).toBeCloseTo(0.5);
    expect(s.describedAccuracy).toBe(0);
    expect(s.endToEndF1).toBeCloseTo(1 / 3);
    expect(lines.map((l) => l.slice(0, 3))).toEqual(['ATT', 'FN ', 'FP ']);
    expect(lines[2]).toContain('on title');
  });

  it('counts false quotes on a page not in English apart', () => {
    const text = 'Ela disse: «Vamos abrir a ponte amanhã».';
    const counts = emptyNewsCounts();
    const other: GoldPage = { sha256: sha256(text), language: 'pt', speakers: [], quotes: [], nonQuotes: [] };
    scoreNewsPage('p2', text, other, [quote(text, '«Vamos abrir a ponte amanhã»', null)], counts);
    expect(counts.falsePositives).toBe(1);
    expect(counts.onNonEnglish).toBe(1);
    expect(summarizeNews(counts).directPrecision).toBe(0);
  });

  it('rejects overlapping spans, empty speaker names and unknown kinds in the annotation', () => {
    const good = { pages: { x: page } };
    expect(() => parseGold(JSON.stringify(good))).not.toThrow();
    const overlapping = { pages: { x: { ...page, nonQuotes: [{ start: 70, end: 90, kind: 'title' }] } } };
    expect(() => parseGold(JSON.stringify(overlapping))).toThrow(/overlap/);
    const unnamed = { pages: { x: { ...page, speakers: [{ name: ' ', type: 'PERSON', aliases: [] }] } } };
    expect(() => parseGold(JSON.stringify(unnamed))).toThrow(/empty speaker name/);
    const kind = { pages: { x: { ...page, nonQuotes: [{ start: 1, end: 3, kind: 'motto' }] } } };
    expect(() => parseGold(JSON.stringify(kind))).toThrow(/motto/);
    const dangling = { pages: { x: { ...page, quotes: [{ start: 1, end: 3, speaker: 7 }] } } };
    expect(() => parseGold(JSON.stringify(dangling))).toThrow(/no listed speaker/);
  });

  it('runs extract() on each body and prints the figures; refuses absent data and changed bodies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-news-'));
    writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: body, url: 'x' } }));
    const goldFile = join(dir, 'gold.json');
    writeFileSync(goldFile, JSON.stringify({ pages: { p1: page } }));
    const ok = await capture(['--data', dir, '--gold', goldFile, '--json']);
    expect(ok.code).toBe(0);
    const r = JSON.parse(ok.out) as Record<string, number>;
    expect(r.pages).toBe(1);
    expect(r.gold).toBe(3);
    expect(r.directRecall).toBe(1);
    expect(r.attributionAccuracy).toBeGreaterThan(0.6);

    const missing = await capture(['--data', join(dir, 'nowhere'), '--gold', goldFile]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ground-truth\.json not found/);
    expect(missing.err.trim().split('\n')).toHaveLength(1);

    writeFileSync(
      join(dir, 'ground-truth.json'),
      JSON.stringify({ p1: { articleBody: `${body} `, url: 'x' } }),
    );
    const changed = await capture(['--data', dir, '--gold', goldFile]);
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/page p1 does not match its annotation/);
  }, 60_000);
});

describe('the committed annotation (annotations/article-html/quotes.json)', () => {
  const gold = parseGold(readFileSync(DEFAULT_GOLD, 'utf8'));

  it('covers the 60 development pages with named, described and non-quote items', () => {
    const g = describeGold(gold);
    expect(g.pages).toBe(60);
    expect(g.quotes).toBeGreaterThan(150);
    expect(g.quotesdescription).toBeGreaterThan(10);
    for (const k of NON_QUOTE_KINDS) expect(g[`nonQuotes_${k}`]).toBeGreaterThan(0);
    for (const p of Object.values(gold.pages)) {
      if (p.language !== 'en') expect(p.quotes).toHaveLength(0);
    }
  });
});

const MARKS = new Set(['"', '“', '”', '«', '»', '„', '‘', '’', "'"]);

describe.skipIf(!existsSync(TRUTH))(
  'annotation against the article-html bodies (needs ../shared/data/article-html: when it is absent this is skipped and nothing is checked)',
  () => {
    it('matches each body by hash; spans start and end at quotation marks; mentions lie outside quotes', () => {
      const gold = parseGold(readFileSync(DEFAULT_GOLD, 'utf8'));
      const truth = JSON.parse(readFileSync(TRUTH, 'utf8')) as Record<string, { articleBody: string }>;
      expect(Object.keys(gold.pages).sort()).toEqual(Object.keys(truth).sort());
      for (const [id, p] of Object.entries(gold.pages)) {
        const body = truth[id]!.articleBody;
        expect(sha256(body), id).toBe(p.sha256);
        for (const s of [...p.quotes, ...p.nonQuotes]) {
          expect(s.end, id).toBeLessThanOrEqual(body.length);
          expect(s.end - s.start, id).toBeGreaterThanOrEqual(2);
          expect(MARKS.has(body[s.start]!), `${id} ${s.start} opens with a mark`).toBe(true);
          expect(MARKS.has(body[s.end - 1]!), `${id} ${s.end} closes with a mark`).toBe(true);
        }
        for (const q of p.quotes) {
          if (q.speaker !== null) expect(p.speakers[q.speaker]!.name.trim()).not.toBe('');
          if (!q.mention) continue;
          const [a, b] = q.mention;
          expect(b, id).toBeLessThanOrEqual(body.length);
          expect(body.slice(a, b).trim(), id).toBe(body.slice(a, b));
          expect(
            p.quotes.some((o) => a < o.end && b > o.start),
            `${id} mention ${a} inside a quote`,
          ).toBe(false);
        }
      }
    });
  },
);
