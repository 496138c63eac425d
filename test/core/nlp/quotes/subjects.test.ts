import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../functions/core/nlp/entities/group.ts';
import { cutAtHeadlineVerbs } from '../../../../functions/core/nlp/entities/headline.ts';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function direct(text: string, names: readonly [string, EntityType, string?][] = []): Quote[] {
  return findQuotes(text, mentions(text, names)).filter((q) => q.type === 'direct');
}

describe('cue subjects', () => {
  it('an inverted cue opening the sentence: Said X, …: "…"', () => {
    const [a] = direct(
      'Ali grew up here. Said Dorothy Poynter, a neighbour, "We were all so proud of him."',
      [['Dorothy Poynter', 'PERSON']],
    );
    expect(a?.speaker?.name).toBe('Dorothy Poynter');
    expect(a?.cue?.text).toBe('Said');
    const [b] = direct('Roger Stone spoke.\n\nContinued Stone:\n\n"It is a very real problem."', [
      ['Roger Stone', 'PERSON'],
      ['Stone', 'PERSON', 'Roger Stone'],
    ]);
    expect(b?.speaker?.name).toBe('Roger Stone');
  });

  it('a sentence ending in an abbreviation does not hide the next cue', () => {
    const qs = direct('Jeb Bush voted. Polls close at 7 p.m. He says "it is interesting that people wait."', [
      ['Jeb Bush', 'PERSON'],
    ]);
    expect(qs[0]?.cue?.text).toBe('says');
    expect(qs[0]?.speaker?.mention.text).toBe('He');
  });

  it('the object of a preposition is not the subject', () => {
    const text =
      'In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "Cooperation is essential."';
    const [q] = direct(text, [
      ['Observer', 'ORGANIZATION'],
      ['Jake Sullivan', 'PERSON'],
    ]);
    expect(q?.speaker?.name).toBe('Jake Sullivan');
    const [r] = direct('Mr. Trump at the time said he had asked his "people" to help.', [
      ['Trump', 'PERSON'],
    ]);
    expect(r?.speaker?.name).toBe('Trump');
  });

  it('a tail cue after a nested closing mark and a space', () => {
    const text = "Ms. Sherry spoke. ''I hate the term 'Manhattan poor,' '' she said.";
    const [q] = direct(text, [['Sherry', 'PERSON', 'Maureen Sherry']]);
    expect(q?.cue?.text).toBe('said');
    expect(q?.speaker?.mention.text).toBe('she');
  });

  it('a sentence adverb before the pronoun: Then she added: "…"', () => {
    const text = "''I hope so,'' Mrs. Clinton said. Then she added warily: ''There's always something.''";
    const qs = direct(text, [['Clinton', 'PERSON', 'Hillary Clinton']]);
    expect(qs[1]?.cue?.text).toBe('added');
    expect(qs[1]?.speaker?.mention.text).toBe('she');
  });

  it('a partial quotation after an introductory clause credits the clause subject', () => {
    const text =
      'Speaking to reporters in Concord on Monday, Jeb Bush referred to Marco Rubio as “a bright, charismatic leader” but called his record “thin.”';
    const qs = direct(text, [
      ['Jeb Bush', 'PERSON'],
      ['Marco Rubio', 'PERSON'],
      ['Concord', 'LOCATION'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Jeb Bush', 'Jeb Bush']);
    expect(qs[0]?.cue).toBeNull();
  });

  it('the object of a preposition is never the fallback subject', () => {
    const text = 'The crowd at the rally with Marco Rubio cheered the “thin” record.';
    const qs = direct(text, [['Marco Rubio', 'PERSON']]);
    expect(qs.every((q) => q.speaker === null)).toBe(true);
  });

  it('a cue in a later clause of the sentence: “…” about the decision, said X, …', () => {
    const a = direct(
      '“We’re extremely happy” about the decision, said RoseAnn DeMoro, executive director of National Nurses United, a union.',
      [
        ['RoseAnn DeMoro', 'PERSON'],
        ['National Nurses United', 'ORGANIZATION'],
      ],
    );
    expect(a[0]?.speaker?.name).toBe('RoseAnn DeMoro');
    expect(a[0]?.cue?.text).toBe('said');
    // The clause running into the next quotation belongs to that one.
    const b = direct(
      'Trump’s “excesses” are sickening, Hollande said in Paris, noting the nominee “makes you retch.”',
      [
        ['Hollande', 'PERSON', 'François Hollande'],
        ['Trump', 'PERSON', 'Donald Trump'],
        ['Paris', 'LOCATION'],
      ],
    );
    expect(b.map((q) => q.speaker?.name)).toEqual(['François Hollande', 'François Hollande']);
  });

  it('two quotations joined by “and” share the cue of the second', () => {
    const qs = direct('Guns are “a public health crisis” and “stunt growth,” Howard Dean proclaimed.', [
      ['Howard Dean', 'PERSON'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Howard Dean', 'Howard Dean']);
  });

  it('a headline name run into its verb by the recogniser is cut before the verb', () => {
    const text = '‘ISIS Truther’ Trump Is Like A Client, Trevor Noah Says.\n\nThe comedian spoke.';
    const start = text.indexOf('Trevor');
    const raw = [{ type: 'ORGANIZATION' as const, text: 'Trevor Noah Says', start, end: start + 16 }];
    const [q] = findQuotes(text, canonicalize(cutAtHeadlineVerbs(text, raw), text)).filter(
      (x) => x.type === 'direct',
    );
    expect(q?.speaker?.name).toBe('Trevor Noah');
    expect(q?.cue?.text).toBe('Says');
  });
});
