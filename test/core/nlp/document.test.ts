import { describe, expect, it } from 'vitest';
import { Document } from '#core/nlp/document.ts';
import { recognizeEntities } from '#core/nlp/entities/recognize.ts';
import { extract } from '#core/nlp/extract.ts';
import { buildContext } from '#core/nlp/quotes/context.ts';
import { findQuotes } from '#core/nlp/quotes/find.ts';

const words = (s: string) => new Document(s).words.map((w) => w.text);

describe('Document', () => {
  it('derives the quote word units from its tokens: clitics, abbreviations and marks joined', () => {
    const s = "''We don't sell,'' the grocer's son said... Reps. Vale and Ono agreed.";
    const doc = new Document(s);
    expect(doc.tokens.map((t) => t.text)).toContain("n't");
    expect(words(s)).toEqual([
      "''",
      'We',
      "don't",
      'sell',
      ',',
      "''",
      'the',
      "grocer's",
      'son',
      'said',
      '...',
      'Reps.',
      'Vale',
      'and',
      'Ono',
      'agreed',
      '.',
    ]);
    for (const w of doc.words) expect(s.slice(w.start, w.end)).toBe(w.text);
  });

  it('splits a token the quote rules read as several words', () => {
    expect(words('a #heatwave from 1990–2000')).toEqual(['a', '#', 'heatwave', 'from', '1990', '–', '2000']);
  });

  it('gives each word unit the token it starts in', () => {
    const doc = new Document("They can't stay.");
    const at = [...doc.wordToken].map((k) => doc.tokens[k]!.text);
    expect(at).toEqual(['They', 'ca', 'stay', '.']);
  });

  it('is the one source of sentences: the quote context reads the same ones', () => {
    const s =
      'The mayor spoke in the U.S. While aides listened, she said "we will rebuild." Then she left.\n\nA new paragraph starts here.';
    const doc = new Document(s);
    const ctx = buildContext(doc, []);
    const fromDoc = doc.sentences.map((x) => s.slice(x.start, x.end));
    const fromQuotes = ctx.sentStart.slice(0, -1).map((first, k) => {
      const last = ctx.sentStart[k + 1]! - 1;
      return s.slice(ctx.toks[first]!.start, ctx.toks[last]!.end);
    });
    expect(fromQuotes).toEqual(fromDoc);
    expect(fromDoc).toHaveLength(4);
  });

  it('keeps the recognised entities and gives findQuotes the same result as the text does', () => {
    const s = 'Lena Moravec, the harbour master, said: "The pier is closed until spring."';
    const doc = new Document(s);
    const entities = recognizeEntities(doc);
    expect(doc.entities).toBe(entities);
    expect(findQuotes(doc, entities)).toEqual(findQuotes(s, entities));
    expect(extract(s)).toEqual({ entities, quotes: findQuotes(s, entities) });
  });
});
