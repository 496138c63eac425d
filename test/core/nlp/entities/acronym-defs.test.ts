import { describe, expect, it } from 'vitest';
import { definedAcronyms } from '../../../../functions/core/nlp/entities/acronym-defs.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

/** Mentions of the given names (first occurrence at or after the previous one) with their types. */
function mentions(text: string, names: readonly (readonly [string, Named])[]) {
  let from = 0;
  return names.map(([name, type]) => {
    const start = text.indexOf(name, from);
    if (start < 0) throw new Error(`no ${name}`);
    from = start + name.length;
    return { type, text: name, start, end: start + name.length };
  });
}

const show = (ms: readonly { type: string; text: string }[]) => ms.map((m) => `${m.text}/${m.type}`);

describe('acronyms the text defines', () => {
  it('gives the acronym the type of the name it spells, where defined and everywhere else', () => {
    const text = 'The Kestrel Orr Composite (KOC) fell. Later the KOC rose, and KOC futures too.';
    const given = mentions(text, [
      ['Kestrel Orr Composite', 'MISC'],
      ['KOC', 'ORGANIZATION'],
      ['KOC', 'ORGANIZATION'],
    ]);
    expect(show(definedAcronyms(text, given))).toEqual([
      'Kestrel Orr Composite/MISC',
      'KOC/MISC',
      'KOC/MISC',
      'KOC/MISC', // not mentioned by the model: added
    ]);
    const spaced = 'the Westmark State Lottery Board ( WSLB ) said';
    expect(
      show(definedAcronyms(spaced, mentions(spaced, [['Westmark State Lottery Board', 'ORGANIZATION']]))),
    ).toEqual(['Westmark State Lottery Board/ORGANIZATION', 'WSLB/ORGANIZATION']);
  });

  it('ignores brackets that do not spell the name', () => {
    const text = 'Kestrel Orr (UK) and Ada Vell (MP) spoke.';
    const given = mentions(text, [
      ['Kestrel Orr', 'ORGANIZATION'],
      ['UK', 'LOCATION'],
      ['Ada Vell', 'PERSON'],
    ]);
    expect(definedAcronyms(text, given)).toEqual(given);
  });
});
