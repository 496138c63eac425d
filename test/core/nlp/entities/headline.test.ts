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
    const text = 'Sugar Is The Real Threat, Ada Brennan Tells Health Convention.\n\nShe spoke.';
    const [m] = cutAtHeadlineVerbs(text, [raw(text, 'Ada Brennan Tells Health Convention')]);
    expect(m?.text).toBe('Ada Brennan');
    expect(text.slice(m!.start, m!.end)).toBe('Ada Brennan');
  });

  it('leaves names in running text and names ending in a noun form alone', () => {
    const text = 'She got the council to pass her Harbor Leases Act, which helped fishermen.';
    expect(cutAtHeadlineVerbs(text, [raw(text, 'Harbor Leases Act')])[0]?.text).toBe('Harbor Leases Act');
    const head = 'Dalton Leads In New Poll Of The United States Voters Today';
    expect(cutAtHeadlineVerbs(head, [raw(head, 'The United States')])[0]?.text).toBe('The United States');
  });

  it('cuts before a title-cased auxiliary: "Paul Dalton Is Right"', () => {
    const text = 'FactLens: Paul Dalton Is Right On Boise Break-Ins.\n\nPaul Dalton spoke.';
    expect(cutAtHeadlineVerbs(text, [raw(text, 'Paul Dalton Is Right')])[0]?.text).toBe('Paul Dalton');
  });

  it('splits two names the body knows, run together in a headline, and keeps one longer name', () => {
    const text =
      'Coast Guard Mom Corners Ferris On His Refusal To Answer The Question.\n\nAlan Ferris answered a Coast Guard mother. Ferris said no.';
    const mentions = [
      raw(text, 'Coast Guard Mom Corners Ferris'),
      last(text, 'Alan Ferris', 'PERSON'),
      last(text, 'Coast Guard', 'ORGANIZATION'),
      last(text, 'Ferris', 'PERSON'),
    ];
    const out = cutAtHeadlineVerbs(text, mentions).slice(0, 2);
    expect(out.map((m) => [m.text, text.slice(m.start, m.end), m.type])).toEqual([
      ['Coast Guard', 'Coast Guard', 'ORGANIZATION'],
      ['Ferris', 'Ferris', 'PERSON'],
    ]);
    const desk =
      'Ella Brandt Of The New Orleans Farm Desk Reports On Rice Prices.\n\nRice rose in New Orleans today.';
    const kept = cutAtHeadlineVerbs(desk, [
      raw(desk, 'New Orleans Farm Desk'),
      last(desk, 'New Orleans', 'LOCATION'),
    ]);
    expect(kept[0]?.text).toBe('New Orleans Farm Desk');
  });
});
