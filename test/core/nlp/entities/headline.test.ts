import { describe, expect, it } from 'vitest';
import { cutAtHeadlineVerbs } from '../../../../functions/core/nlp/entities/headline.ts';

function raw(text: string, name: string) {
  const start = text.indexOf(name);
  return { type: 'ORGANIZATION' as const, text: name, start, end: start + name.length };
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
});
