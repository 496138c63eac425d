import { describe, expect, it } from 'vitest';
import { quotedTitles } from '../../../../functions/core/nlp/entities/quoted-titles.ts';

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

describe('titles of works in quotation marks', () => {
  it('makes a title-case quoted phrase one MISC mention when the model found a name in part of it', () => {
    const text = 'The band played “Walking Down To Lake Orr,” then left.';
    const given = mentions(text, [['Lake Orr', 'LOCATION']]);
    expect(show(quotedTitles(text, given))).toEqual(['Walking Down To Lake Orr/MISC']);
  });

  it('takes every title of a quoted list, even one the model saw no name in', () => {
    const text = 'The set includes “Rain On The Orr,” “Kestrel Days,” and “Minute After Minute.”';
    const given = mentions(text, [
      ['Orr', 'PERSON'],
      ['Kestrel Days', 'PERSON'],
    ]);
    expect(show(quotedTitles(text, given))).toEqual([
      'Rain On The Orr/MISC',
      'Kestrel Days/MISC',
      'Minute After Minute/MISC',
    ]);
  });

  it('leaves speech, lone slogans and quoted names the model read whole', () => {
    const speech = 'She said, “We will visit Lake Orr soon.”';
    const inSpeech = mentions(speech, [['Lake Orr', 'LOCATION']]);
    expect(quotedTitles(speech, inSpeech)).toEqual(inSpeech);
    const slogan = 'Marchers chanted “Fair Pay Now” outside.';
    expect(quotedTitles(slogan, [])).toEqual([]);
    const nickname = 'A " Kestrel Team " relay squad ran.';
    const whole = mentions(nickname, [['Kestrel Team', 'ORGANIZATION']]);
    expect(quotedTitles(nickname, whole)).toEqual(whole);
  });
});
