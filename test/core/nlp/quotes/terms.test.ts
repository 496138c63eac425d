import { describe, expect, it } from 'vitest';
import { explainQuotes, findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function direct(text: string, names: readonly [string, EntityType, string?][] = []): Quote[] {
  return findQuotes(text, mentions(text, names)).filter((q) => q.type === 'direct');
}

describe('quoted terms, titles, nicknames and slogans are no quotations', () => {
  it('a few words named as a term: "the phrase", "so-called", "known as"', () => {
    expect(direct('Economists now use the phrase "slow boom" for the recovery.')).toEqual([]);
    expect(direct('Officials blamed the so-called "ghost fleet" of unregistered boats.')).toEqual([]);
    expect(
      direct('Nora Lindqvist, known as "the Lighthouse" to her crew, retired on Friday.', [
        ['Nora Lindqvist', 'PERSON'],
      ]),
    ).toEqual([]);
  });

  it('a name given, not a judgement: "what\'s called", "is called", "the nickname of"', () => {
    expect(direct('The illness is what’s called "miller’s cough," a reaction to flour dust.')).toEqual([]);
    expect(direct('Farmers get a rash that is called "hay hands" in the valley.')).toEqual([]);
    expect(direct('The old bridge earned the nickname of “the Harp” among sailors.')).toEqual([]);
    const judged = direct('Vera Holm called it "a bold gamble" on Monday.', [['Vera Holm', 'PERSON']]);
    expect(judged.map((q) => q.speaker?.name)).toEqual(['Vera Holm']);
  });

  it('a named term is still a quotation when a speech cue after it reports it', () => {
    const qs = direct('"The phrase slow boom fits," said Ada Brennan.', [['Ada Brennan', 'PERSON']]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Ada Brennan']);
    const tail = direct('It was the so-called "ghost fleet," Ray Odell said.', [['Ray Odell', 'PERSON']]);
    expect(tail.map((q) => [q.speaker?.name, q.cue?.text])).toEqual([['Ray Odell', 'said']]);
  });

  it('a title-cased title inside a sentence with no speech cue near it', () => {
    expect(
      direct('Her podcast "Night Shift Notes" drew a large audience in Oslo.', [['Oslo', 'LOCATION']]),
    ).toEqual([]);
    expect(
      direct('Ruth Harlan said on Monday that her memoir "Salt And Iron" would be out in May.', [
        ['Ruth Harlan', 'PERSON'],
      ]),
    ).toEqual([]);
  });

  it('a title named by the noun after it or before it: "“Lowlands” star", "her autobiography, “…,”"', () => {
    expect(
      direct('The "Night Shift" host laughed it off, Ray Odell said on Friday.', [['Ray Odell', 'PERSON']]),
    ).toEqual([]);
    expect(
      direct('In her autobiography, "Salt And Iron," published in May, Ruth Harlan wrote about the mill.', [
        ['Ruth Harlan', 'PERSON'],
      ]),
    ).toEqual([]);
  });

  it('a song after the verb that performs it: "played “…”", "sang “…”"', () => {
    expect(direct('Students with drums played “Long Road Home” from the town hall steps.')).toEqual([]);
    expect(
      direct('Later Ivo Marsh sang “Paper Moon Over Tulsa” for the crowd.', [['Ivo Marsh', 'PERSON']]),
    ).toEqual([]);
  });

  it('the text of a sign, placard or banner is a slogan, what someone says after "saying" is not', () => {
    expect(
      direct('Nurses marched past the clinic with placards reading “Fund the night shift now” on Friday.'),
    ).toEqual([]);
    expect(
      direct(
        'Parents lined the road, many holding signs with sayings such as, “Smaller Classes, Brighter Kids.”',
      ),
    ).toEqual([]);
    const spoken = direct('Ray Odell left the hall saying, “We will be back in May.”', [
      ['Ray Odell', 'PERSON'],
    ]);
    expect(spoken.map((q) => q.speaker?.name)).toEqual(['Ray Odell']);
    const off = findQuotes(
      'Nurses marched past the clinic with placards reading “Fund the night shift now” on Friday.',
      [],
      { filter: null, disabled: new Set(['filter.sign-text']) },
    );
    expect(off.filter((q) => q.type === 'direct').map((q) => q.text)).toEqual(['“Fund the night shift now”']);
  });

  it('a title-cased quotation right after its cue, or shouted, is still a quotation', () => {
    const near = direct('Ruth Harlan wrote: "Thank You Boise."', [['Ruth Harlan', 'PERSON']]);
    expect(near.map((q) => q.speaker?.name)).toEqual(['Ruth Harlan']);
    const shout = direct('The crowd answered with chants of "Paul! Paul!" at the rally.');
    expect(shout.map((q) => q.text)).toEqual(['"Paul! Paul!"']);
  });

  it('a few words used as a modifier in a noun phrase: the “zero tolerance” policy, its strict “no fly” list', () => {
    expect(direct('The city dropped its "zero tolerance" policy on Tuesday.')).toEqual([]);
    expect(direct('Managers noticed the "quiet quitting" trend among office staff.')).toEqual([]);
    expect(direct('The airline kept its strict "no fly" list for another year.')).toEqual([]);
  });

  it('a modifier-shaped span with a speech cue, punctuation or a first-person word is speech', () => {
    const cued = direct('Luis Moreno called the "reckless" plan a mistake.', [['Luis Moreno', 'PERSON']]);
    expect(cued.map((q) => q.speaker?.name)).toEqual(['Luis Moreno']);
    const first = direct('Ray Odell said the "we will see" answer was his last word.', [
      ['Ray Odell', 'PERSON'],
    ]);
    expect(first.map((q) => q.text)).toEqual(['"we will see"']);
  });

  it('longer spoken quotations are untouched', () => {
    const qs = direct('"We will open the bridge in May," Ruth Harlan said.', [['Ruth Harlan', 'PERSON']]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Ruth Harlan']);
  });
});

describe('lists of quoted titles', () => {
  it('drops three or more title-cased quotations in a row, and keeps a quotation spoken after them', () => {
    const text =
      'The band opened with “Long Road Home,” “Paper Moon,” “Night Train” and “Blue River.” “We love this town,” said Ivo Marsh.';
    const qs = findQuotes(text, mentions(text, [['Ivo Marsh', 'PERSON']])).filter((q) => q.type === 'direct');
    expect(qs.map((q) => q.text)).toEqual(['“We love this town,”']);
  });

  it('keeps two title-cased quotations, and quoted words that are not title-cased', () => {
    const text =
      'Ivo Marsh said the crowd shouted “More Songs” and “Encore,” then “we want more,” and “one more time.”';
    const qs = findQuotes(text, mentions(text, [['Ivo Marsh', 'PERSON']]), { filter: null }).filter(
      (q) => q.type === 'direct',
    );
    expect(qs.map((q) => q.text)).toContain('“we want more,”');
    const trace = explainQuotes(text, mentions(text, [['Ivo Marsh', 'PERSON']]), { filter: null }).traces;
    expect(trace.some((t) => t.rules.includes('filter.title-list'))).toBe(false);
  });
});

describe('texts not in English', () => {
  const spanish =
    'El consejo del barrio norte habló ayer con los vecinos. «Vamos tardar meses en reparar el puente viejo», dijo Marta Solís durante la reunión. Los vecinos pidieron más autobuses, más luces en las calles y una fecha clara para las obras del mercado. Nadie respondió esa noche. El consejo volverá reunirse el próximo lunes por la tarde.';
  it('a text with almost no English function word gives no direct quotations', () => {
    expect(direct(spanish, [['Marta Solís', 'PERSON']])).toEqual([]);
    const { traces } = explainQuotes(spanish, mentions(spanish, [['Marta Solís', 'PERSON']]));
    expect(traces.map((t) => t.dropped)).toEqual(['language']);
  });

  it('an English text of the same length keeps its quotation, and a short text is not judged', () => {
    const english =
      'The council of the north district met the residents on Monday. «It will take months to repair the old bridge», said Marta Solís at the meeting. The residents asked for more buses, more lights in the streets and a clear date for the market works. Nobody answered that night. The council will meet again next Monday.';
    expect(direct(english, [['Marta Solís', 'PERSON']]).map((q) => q.speaker?.name)).toEqual(['Marta Solís']);
    const short = '«Vamos tardar meses», dijo Marta Solís.';
    expect(
      findQuotes(short, mentions(short, [['Marta Solís', 'PERSON']]), { filter: null })
        .filter((q) => q.type === 'direct')
        .map((q) => q.text),
    ).toEqual(['«Vamos tardar meses»']);
  });

  it('switched off, the text is read as any other', () => {
    const qs = findQuotes(spanish, mentions(spanish, [['Marta Solís', 'PERSON']]), {
      filter: null,
      disabled: new Set(['filter.not-english']),
    }).filter((q) => q.type === 'direct');
    expect(qs.map((q) => q.text)).toEqual(['«Vamos tardar meses en reparar el puente viejo»']);
  });
});
