import { describe, expect, it } from 'vitest';
import { cutAtHeadlineVerbs } from '../../../../functions/core/nlp/entities/headline.ts';

function raw(text: string, name: string) {
  const start = text.indexOf(name);
  return { type: 'ORGANIZATION' as const, text: name, start, end: start + name.length };
}

/** The last occurrence of `name` in `text`, as a mention of `type`. */
function last(text: string, name: string, type: 'PERSON' | 'ORGANIZATION' | 'LOCATION') {
  const start = text.lastIndexOf(name);
  return { type, text: name, start, end: start + name.length };
}

describe('headline verbs run into names', () => {
  it('cuts a title-cased headline name before its verb', () => {
    const text = 'Guns Are The Ultimate Crisis, Howard Dean Tells Democratic Convention.\n\nHe spoke.';
    const [m] = cutAtHeadlineVerbs(text, [raw(text, 'Howard Dean Tells Democratic Convention')]);
    expect(m?.text).toBe('Howard Dean');
    expect(text.slice(m!.start, m!.end)).toBe('Howard Dean');
  });

  it('leaves names in running text and names ending in a noun form alone', () => {
    const text = 'He got the House of Lords to pass his Trades Disputes Act, which helped unions.';
    expect(cutAtHeadlineVerbs(text, [raw(text, 'Trades Disputes Act')])[0]?.text).toBe('Trades Disputes Act');
    const head = 'Trump Leads In New Poll Of The United States Voters Today';
    expect(cutAtHeadlineVerbs(head, [raw(head, 'The United States')])[0]?.text).toBe('The United States');
  });

  it('cuts before a title-cased auxiliary: "Donald Trump Is Right"', () => {
    const text = 'Politifact: Donald Trump Is Right On Chicago Shootings.\n\nDonald Trump spoke.';
    expect(cutAtHeadlineVerbs(text, [raw(text, 'Donald Trump Is Right')])[0]?.text).toBe('Donald Trump');
  });

  it('splits two names the body knows, run together in a headline, and keeps one longer name', () => {
    const text =
      'Gold Star Mom Corners Obama On His Refusal To Use The Words.\n\nBarack Obama answered a Gold Star mother. Obama said no.';
    const mentions = [
      raw(text, 'Gold Star Mom Corners Obama'),
      last(text, 'Barack Obama', 'PERSON'),
      last(text, 'Gold Star', 'ORGANIZATION'),
      last(text, 'Obama', 'PERSON'),
    ];
    const out = cutAtHeadlineVerbs(text, mentions).slice(0, 2);
    expect(out.map((m) => [m.text, text.slice(m.start, m.end), m.type])).toEqual([
      ['Gold Star', 'Gold Star', 'ORGANIZATION'],
      ['Obama', 'Obama', 'PERSON'],
    ]);
    const desk =
      'Harry Milling Of The New York Energy Desk Reports On Oil Prices.\n\nOil rose in New York today.';
    const kept = cutAtHeadlineVerbs(desk, [
      raw(desk, 'New York Energy Desk'),
      last(desk, 'New York', 'LOCATION'),
    ]);
    expect(kept[0]?.text).toBe('New York Energy Desk');
  });
});
