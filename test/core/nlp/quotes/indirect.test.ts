import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function indirect(text: string, names: readonly [string, EntityType, string?][]): Quote[] {
  return findQuotes(text, mentions(text, names)).filter((q) => q.type === 'indirect');
}

describe('reported speech', () => {
  it('X said (that) …', () => {
    const [q] = indirect('John Smith said that the talks would resume next week.', [
      ['John Smith', 'PERSON'],
    ]);
    expect(q?.text).toBe('that the talks would resume next week');
    expect(q?.speaker?.name).toBe('John Smith');
    expect(q?.cue?.text).toBe('said');
    const [r] = indirect('Acme Corp says profits will rise sharply this year.', [
      ['Acme Corp', 'ORGANIZATION'],
    ]);
    expect(r?.text).toBe('profits will rise sharply this year');
    expect(r?.speaker?.type).toBe('ORGANIZATION');
  });

  it('According to X, …', () => {
    const [q] = indirect('According to Jane Roe, the bridge will close in May.', [['Jane Roe', 'PERSON']]);
    expect(q?.text).toBe('the bridge will close in May');
    expect(q?.speaker?.name).toBe('Jane Roe');
    expect(q?.cue?.text).toBe('According to');
  });

  it('…, X said.', () => {
    const [q] = indirect('The bridge will close in May, Jane Roe said.', [['Jane Roe', 'PERSON']]);
    expect(q?.text).toBe('The bridge will close in May');
    expect(q?.speaker?.name).toBe('Jane Roe');
  });

  it('leaves clauses holding a quotation to the direct quotes', () => {
    expect(
      indirect('Jane Roe said the plan was "a disgrace" and should go.', [['Jane Roe', 'PERSON']]),
    ).toEqual([]);
  });

  it('pronoun sources resolve like direct ones', () => {
    const text = 'Jane Roe spoke in Ohio.\n\nShe said the bridge will close in May.';
    const [q] = indirect(text, [['Jane Roe', 'PERSON']]);
    expect(q?.speaker?.name).toBe('Jane Roe');
    expect(q?.speaker?.mention.text).toBe('She');
  });
});
