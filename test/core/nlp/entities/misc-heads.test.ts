import { describe, expect, it } from 'vitest';
import {
  camelProducts,
  eventFinals,
  productLines,
} from '../../../../functions/core/nlp/entities/misc-heads.ts';

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

describe('products named with a model suffix', () => {
  it('makes the line and its suffix one MISC mention, and the line elsewhere a product', () => {
    const text =
      'The new 14-inch Quillbook Pro ships in May. Older Quillbooks had loud fans, and Quillbook keys stuck. ' +
      'Fans of Quillbook Pros and the K40 Max jet waited, and 400 747 Max jets flew.';
    const given = mentions(text, [
      ['Quillbook', 'ORGANIZATION'],
      ['Pro', 'PERSON'],
      ['Quillbooks', 'ORGANIZATION'],
      ['Quillbook', 'ORGANIZATION'],
      ['Max', 'MISC'],
    ]);
    expect(show(productLines(text, given))).toEqual([
      'Quillbook Pro/MISC',
      'Quillbooks/MISC',
      'Quillbook/MISC',
      'Quillbook Pros/MISC', // not mentioned by the model: added
      'K40 Max/MISC',
      '747 Max/MISC', // a count before a model number is no part of it
    ]);
  });

  it('leaves people, a suffix before another name, and texts without suffixes alone', () => {
    const person = 'Striker Dennis Max scored. Ada Pro Orr wrote.';
    const given = mentions(person, [
      ['Dennis Max', 'PERSON'],
      ['Ada Pro Orr', 'PERSON'],
    ]);
    expect(productLines(person, given)).toEqual(given);
    const none = 'Kestrel Corp sold tablets.';
    const corp = mentions(none, [['Kestrel Corp', 'ORGANIZATION']]);
    expect(productLines(none, corp)).toEqual(corp);
  });
});

describe("a tournament's finals", () => {
  it('takes Final or Finals into the event and makes it MISC', () => {
    const text = 'Spain won the Kestrel Cup Finals. The Orr Tour Finals start today; the Lark Cup Final too.';
    const given = mentions(text, [
      ['Spain', 'LOCATION'],
      ['Kestrel Cup', 'MISC'],
      ['Finals', 'ORGANIZATION'],
      ['Orr Tour Finals', 'ORGANIZATION'],
      ['Lark Cup', 'ORGANIZATION'],
    ]);
    expect(show(eventFinals(text, given))).toEqual([
      'Spain/LOCATION',
      'Kestrel Cup Finals/MISC',
      'Orr Tour Finals/MISC',
      'Lark Cup Final/MISC',
    ]);
  });

  it('keeps a lower-case final and other types as they are', () => {
    const text = 'Marlow reached the Kestrel Cup final. Ada Orr Finals week.';
    const given = mentions(text, [
      ['Marlow', 'LOCATION'],
      ['Kestrel Cup', 'MISC'],
      ['Ada Orr', 'PERSON'],
    ]);
    expect(eventFinals(text, given)).toEqual(given);
  });
});

describe('camel-cased product names', () => {
  it('adds a MISC mention for a word in lower case up to a capital that no mention covers', () => {
    const text = 'The new qPad and xOS ship with eReader apps; Kestrel makes the qPad.';
    const given = mentions(text, [['Kestrel', 'ORGANIZATION']]);
    expect(show(camelProducts(text, given))).toEqual([
      'qPad/MISC',
      'xOS/MISC',
      'eReader/MISC',
      'Kestrel/ORGANIZATION',
      'qPad/MISC',
    ]);
  });

  it('skips web addresses, handles, a lone capital and covered words', () => {
    const text = 'See www.qPad.example or @qPad, the sumA value, and Ada qPad-Orr.';
    const given = mentions(text, [['Ada qPad-Orr', 'PERSON']]);
    expect(camelProducts(text, given)).toEqual(given);
  });
});
