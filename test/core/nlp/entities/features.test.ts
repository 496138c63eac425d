import { describe, expect, it } from 'vitest';
import { buildClusters, buildLexicon } from '#core/model/format.ts';
import { documentFeatures, fnv, shape, tableRow, wordFeatures } from '#core/nlp/entities/features.ts';
import { splitSentencesOfTokens, tokenize } from '#core/nlp/tokenize.ts';

const lexicon = buildLexicon([
  [['New', 'York'], 'city'],
  [['Moscow'], 'city'],
  [['Sergei'], 'name'],
]);
const clusters = buildClusters(
  new Map([
    ['Moscow', [1, 10, 100]],
    ['said', [2, 20, 200]],
  ]),
  (w) => fnv(w),
);
const ctx = { lexicon, clusters };

describe('documentFeatures', () => {
  const text = 'SPORTS NEWS\nSergei Ivanov said in Moscow and New York that talks went well.';
  const tokens = tokenize(text);
  const sentences = splitSentencesOfTokens(text, tokens);
  const norms = tokens.map((t) => t.norm);

  it('splits exactly into word-only features (cached per word at run time) and the rest', () => {
    const full = documentFeatures(norms, sentences, ctx);
    const rest = documentFeatures(norms, sentences, ctx, { omitWordFeatures: true });
    for (let i = 0; i < norms.length; i++) {
      const all = [...full.hashes.subarray(full.offsets[i]!, full.offsets[i + 1]!)].sort();
      // Roles: the token itself, the word before (prev1) or after (next1), two before or after.
      const s = sentences.find((x) => x.first <= i && i < x.last)!;
      const role = (k: number, r: number) =>
        k >= s.first && k < s.last ? wordFeatures(norms[k]!, ctx)[r]! : [];
      const parts = [
        ...rest.hashes.subarray(rest.offsets[i]!, rest.offsets[i + 1]!),
        ...role(i, 0),
        ...role(i - 1, 1),
        ...role(i + 1, 2),
        ...role(i - 2, 3),
        ...role(i + 2, 4),
      ].sort();
      expect(parts).toEqual(all);
    }
  });

  it('fires gazetteer features on multi-word matches only where they match', () => {
    const withLex = documentFeatures(norms, sentences, ctx);
    const without = documentFeatures(norms, sentences, { lexicon: null, clusters });
    const count = (f: typeof withLex, i: number) => f.offsets[i + 1]! - f.offsets[i]!;
    const at = (w: string) => norms.indexOf(w);
    expect(count(withLex, at('York'))).toBeGreaterThan(count(without, at('York')));
    expect(count(withLex, at('talks'))).toBe(count(without, at('talks')));
  });

  it('gives a capitalised word the contexts of its other occurrences in the document (context aggregation)', () => {
    const feats = (t: string) => {
      const toks = tokenize(t);
      const f = documentFeatures(
        toks.map((x) => x.norm),
        splitSentencesOfTokens(t, toks),
        ctx,
      );
      const at = toks.findIndex((x) => x.text === 'Kestrel');
      return new Set(f.hashes.subarray(f.offsets[at]!, f.offsets[at + 1]!));
    };
    // The first sentence is the same in both texts; only a later mention's context differs.
    const alone = feats('Kestrel rose. Markets were calm.');
    const spokesman = feats('Kestrel rose. A Kestrel spokesman declined to comment.');
    const quiet = feats('Kestrel rose. A Kestrel quietly declined to comment.');
    const extra = (a: Set<number>, b: Set<number>) => [...a].filter((h) => !b.has(h));
    expect(extra(spokesman, alone).length).toBeGreaterThan(0);
    expect(extra(spokesman, quiet).length).toBeGreaterThan(0);
    // A word in lower case gets none.
    const lower = (t: string) => {
      const toks = tokenize(t);
      const f = documentFeatures(
        toks.map((x) => x.norm),
        splitSentencesOfTokens(t, toks),
        ctx,
      );
      const at = toks.findIndex((x) => x.text === 'rose');
      return f.offsets[at + 1]! - f.offsets[at]!;
    };
    expect(lower('Kestrel rose. A Kestrel spokesman declined.')).toBe(
      lower('Kestrel rose. A Kestrel declined.'),
    );
  });

  it('matches a country or state code only where it is written in capitals', () => {
    const codes = buildLexicon([
      [['FL'], 'code'],
      [['US'], 'code'],
    ]);
    const t = 'Ana Orr played Tampa, FL, and told us the US team would return.';
    const toks = tokenize(t);
    const sents = splitSentencesOfTokens(t, toks);
    const norms = toks.map((x) => x.norm);
    const withCodes = documentFeatures(norms, sents, { lexicon: codes, clusters });
    const without = documentFeatures(norms, sents, { lexicon: null, clusters });
    const count = (f: typeof without, w: string) => {
      const i = norms.indexOf(w);
      return f.offsets[i + 1]! - f.offsets[i]!;
    };
    expect(count(withCodes, 'FL')).toBeGreaterThan(count(without, 'FL'));
    expect(count(withCodes, 'US')).toBeGreaterThan(count(without, 'US'));
    expect(count(withCodes, 'us')).toBe(count(without, 'us'));
  });

  it('computes word shapes', () => {
    expect(shape('Ivanov')).toBe('Xxx');
    expect(shape('U.S.')).toBe('X.X.');
    expect(shape('1996-08-22')).toBe('dd-dd-dd');
    expect(shape('TOR-M1')).toBe('XX-Xd');
  });
});

describe('tableRow', () => {
  it('finds every key of a sorted hash table and nothing else', () => {
    const keys = Int32Array.from({ length: 5000 }, (_, i) => fnv(`word${i}`)).sort();
    for (let i = 0; i < keys.length; i++) expect(keys[tableRow(keys, keys[i]!)]).toBe(keys[i]);
    for (let i = 0; i < 200; i++) {
      const h = fnv(`absent${i}`);
      if (!keys.includes(h)) expect(tableRow(keys, h)).toBe(-1);
    }
    expect(tableRow(new Int32Array(0), 5)).toBe(-1);
    expect(tableRow(Int32Array.of(7), 7)).toBe(0);
    expect(tableRow(Int32Array.of(-2147483648, 2147483647), 2147483647)).toBe(1);
  });
});
