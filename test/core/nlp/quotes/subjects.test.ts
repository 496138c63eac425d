import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../functions/core/nlp/entities/group.ts';
import { cutAtHeadlineVerbs } from '../../../../functions/core/nlp/entities/headline.ts';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function direct(text: string, names: readonly [string, EntityType, string?][] = []): Quote[] {
  // The rules alone, before the confidence filter (tested in confidence.test.ts).
  return findQuotes(text, mentions(text, names), { filter: null }).filter((q) => q.type === 'direct');
}

describe('cue subjects', () => {
  it('an inverted cue opening the sentence: Said X, …: "…"', () => {
    const [a] = direct(
      'Omar trained here. Said Edith Varley, a neighbour, "We were all so proud of the boy."',
      [['Edith Varley', 'PERSON']],
    );
    expect(a?.speaker?.name).toBe('Edith Varley');
    expect(a?.cue?.text).toBe('Said');
    const [b] = direct('Victor Haines spoke.\n\nContinued Haines:\n\n"It is a very serious problem."', [
      ['Victor Haines', 'PERSON'],
      ['Haines', 'PERSON', 'Victor Haines'],
    ]);
    expect(b?.speaker?.name).toBe('Victor Haines');
  });

  it('a sentence ending in an abbreviation does not hide the next cue', () => {
    const qs = direct(
      'Luis Moreno voted. Polls close at 8 p.m. He says "it is odd that people wait so long."',
      [['Luis Moreno', 'PERSON']],
    );
    expect(qs[0]?.cue?.text).toBe('says');
    expect(qs[0]?.speaker?.mention.text).toBe('He');
  });

  it('the object of a preposition is not the subject', () => {
    const text =
      'In a note to the Courier, her chief policy adviser, Mark Tan, said: "Cooperation is vital."';
    const [q] = direct(text, [
      ['Courier', 'ORGANIZATION'],
      ['Mark Tan', 'PERSON'],
    ]);
    expect(q?.speaker?.name).toBe('Mark Tan');
    const [r] = direct('Mr. Dalton at the time said he had asked his "friends" to help.', [
      ['Dalton', 'PERSON'],
    ]);
    expect(r?.speaker?.name).toBe('Dalton');
  });

  it('a tail cue after a nested closing mark and a space', () => {
    const text = "Ms. Garvey spoke. ''I hate the term 'uptown poor,' '' she said.";
    const [q] = direct(text, [['Garvey', 'PERSON', 'Joan Garvey']]);
    expect(q?.cue?.text).toBe('said');
    expect(q?.speaker?.mention.text).toBe('she');
  });

  it('a sentence adverb before the pronoun: Then she added: "…"', () => {
    const text = "''I think so,'' Mrs. Harlan said. Then she added warily: ''There's always a catch.''";
    const qs = direct(text, [['Harlan', 'PERSON', 'Ruth Harlan']]);
    expect(qs[1]?.cue?.text).toBe('added');
    expect(qs[1]?.speaker?.mention.text).toBe('she');
  });

  it('a partial quotation after an introductory clause credits the clause subject', () => {
    const text =
      'Speaking to reporters in Salem on Tuesday, Ruth Harlan referred to Luis Moreno as “a sharp, tireless worker” but called his plan “vague.”';
    const qs = direct(text, [
      ['Ruth Harlan', 'PERSON'],
      ['Luis Moreno', 'PERSON'],
      ['Salem', 'LOCATION'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Ruth Harlan', 'Ruth Harlan']);
    expect(qs[0]?.cue).toBeNull();
  });

  it('the object of a preposition is never the fallback subject', () => {
    const text = 'The crowd at the rally with Luis Moreno cheered the “vague” plan.';
    const qs = direct(text, [['Luis Moreno', 'PERSON']]);
    expect(qs.every((q) => q.speaker === null)).toBe(true);
  });

  it('a cue in a later clause of the sentence: “…” about the decision, said X, …', () => {
    const a = direct(
      '“We’re extremely pleased” about the ruling, said Janet Okafor, executive director of Riverside Nurses Alliance, a union.',
      [
        ['Janet Okafor', 'PERSON'],
        ['Riverside Nurses Alliance', 'ORGANIZATION'],
      ],
    );
    expect(a[0]?.speaker?.name).toBe('Janet Okafor');
    expect(a[0]?.cue?.text).toBe('said');
    // The clause running into the next quotation belongs to that one.
    const b = direct(
      'Dalton’s “excesses” are shameful, Lindqvist said in Oslo, noting the candidate “makes you wince.”',
      [
        ['Lindqvist', 'PERSON', 'Nora Lindqvist'],
        ['Dalton', 'PERSON', 'Paul Dalton'],
        ['Oslo', 'LOCATION'],
      ],
    );
    expect(b.map((q) => q.speaker?.name)).toEqual(['Nora Lindqvist', 'Nora Lindqvist']);
  });

  it('two quotations joined by “and” share the cue of the second', () => {
    const qs = direct('Sugary drinks are “a public health threat” and “rot teeth,” Ada Brennan proclaimed.', [
      ['Ada Brennan', 'PERSON'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Ada Brennan', 'Ada Brennan']);
  });

  it('a headline name run into its verb by the recogniser is cut before the verb', () => {
    const text = '‘Tax Skeptic’ Dalton Is Like A Salesman, Kevin Marsh Says.\n\nThe comedian spoke.';
    const start = text.indexOf('Kevin');
    const raw = [{ type: 'ORGANIZATION' as const, text: 'Kevin Marsh Says', start, end: start + 16 }];
    const [q] = findQuotes(text, canonicalize(cutAtHeadlineVerbs(text, raw), text), { filter: null }).filter(
      (x) => x.type === 'direct',
    );
    expect(q?.speaker?.name).toBe('Kevin Marsh');
    expect(q?.cue?.text).toBe('Says');
  });
});
