import { describe, expect, it } from 'vitest';
import { QUOTE_FILTER } from '../../../../functions/core/model/quote-filter.ts';
import {
  FILTER_MODEL_FORMAT,
  type FilterModel,
  keeps,
  probability,
  shape,
} from '../../../../functions/core/nlp/quotes/confidence.ts';
import { explainQuotes, featuredQuotes, findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import { mentions } from './helpers.ts';

const text =
  'The council met on Tuesday. “We will not raise the fares this year,” Mara Quint said. Quint said the buses would run later on weekends. She did not say when the new depot would open.';
const names: [string, 'PERSON'][] = [['Mara Quint', 'PERSON']];

function model(weights: Record<string, number>, direct: number, indirect: number): FilterModel {
  return { format: FILTER_MODEL_FORMAT, weights, thresholds: { direct, indirect } };
}

describe('confidence of each quotation found', () => {
  it('gives direct and reported quotations their own features', () => {
    const found = featuredQuotes(text, mentions(text, names));
    const direct = found.find((f) => f.quote.type === 'direct');
    expect(direct?.features).toContain('D|how|cue');
    expect(direct?.features).toContain('D|sieve|tail.subject-verb');
    expect(direct?.features).toContain('D|firstPerson');
    const reported = found.filter((f) => f.quote.type === 'indirect');
    const buses = reported.find((f) => f.quote.text.startsWith('the buses'));
    expect(buses?.features).toContain('I|cue|said');
    expect(buses?.features).toContain('I|class|speech');
    expect(buses?.features).toContain('I|rule|indirect.clause');
    expect(buses?.features).not.toContain('I|negated');
  });

  it('marks negated speech ("did not say") as such', () => {
    const t = 'Ada Brill did not say that the mill would close next spring.';
    const found = featuredQuotes(t, mentions(t, [['Ada Brill', 'PERSON']]));
    const neg = found.find((f) => f.quote.type === 'indirect');
    expect(neg?.features).toContain('I|negated');
  });

  it('reads whether a reported cue is a verb, who the speaker is and whether a quotation shares the sentence', () => {
    const t = 'Ada Brill said the mill would close next spring. The new plans would cost the town millions.';
    const found = featuredQuotes(t, mentions(t, [['Ada Brill', 'PERSON']]), { filter: null });
    const said = found.find((f) => f.quote.type === 'indirect' && f.quote.cue?.text === 'said');
    expect(said?.features).toContain('I|cueBefore|name|PERSON');
    expect(said?.features).toContain('I|cueAfter|det');
    expect(said?.features).toContain('I|form|other|speech');
    expect(said?.features).toContain('I|spForm|name');
    expect(said?.features).not.toContain('I|sentQuote');
    const q = 'Ada Brill said the mill would close by spring, and added: “It is a sad day for the town.”';
    const mixed = featuredQuotes(q, mentions(q, [['Ada Brill', 'PERSON']]), { filter: null }).find(
      (f) => f.quote.type === 'indirect',
    );
    expect(mixed?.features).toContain('I|sentQuote');
  });

  it('the shipped filter keeps a plain report and drops a clause sharing its sentence with a quotation', () => {
    const plain = 'Ada Brill said that the mill would close next spring.';
    expect(
      findQuotes(plain, mentions(plain, [['Ada Brill', 'PERSON']]))
        .filter((q) => q.type === 'indirect')
        .map((q) => q.text),
    ).toEqual(['that the mill would close next spring']);
    const mixed = 'Ada Brill said the mill would close by spring, and added: “It is a sad day for the town.”';
    const ms = mentions(mixed, [['Ada Brill', 'PERSON']]);
    expect(findQuotes(mixed, ms, { filter: null }).some((q) => q.type === 'indirect')).toBe(true);
    expect(findQuotes(mixed, ms).some((q) => q.type === 'indirect')).toBe(false);
  });

  it('drops what scores below its kind’s threshold and keeps the rest; 0 keeps everything', () => {
    const ms = mentions(text, names);
    const all = findQuotes(text, ms, { filter: null });
    expect(findQuotes(text, ms, { filter: model({}, 0, 0) })).toEqual(all);
    // p = 0.5 with no weights: a threshold above it drops every quotation of that kind.
    const noDirect = findQuotes(text, ms, { filter: model({}, 0.6, 0) });
    expect(noDirect.filter((q) => q.type === 'direct')).toHaveLength(0);
    expect(noDirect.filter((q) => q.type === 'indirect')).toEqual(all.filter((q) => q.type === 'indirect'));
    const liked = findQuotes(text, ms, { filter: model({ 'D|firstPerson': 3 }, 0.6, 0) });
    expect(liked.filter((q) => q.type === 'direct').map((q) => q.text)).toEqual([
      '“We will not raise the fares this year,”',
    ]);
  });

  it('explains a quotation the filter dropped', () => {
    const { traces } = explainQuotes(text, mentions(text, names), { filter: model({}, 0.6, 0) });
    expect(traces[0]?.dropped).toBe('unlikely');
    expect(traces[0]?.why).toContain('confidence filter');
  });

  it('computes a logistic probability', () => {
    const m = model({ a: 2, b: -2 }, 0.5, 0.5);
    expect(probability(m, ['a', 'b'])).toBeCloseTo(0.5, 10);
    expect(probability(m, ['a'])).toBeCloseTo(1 / (1 + Math.exp(-2)), 10);
    expect(keeps(m, 'direct', ['b'])).toBe(false);
    expect(keeps(m, 'direct', ['a'])).toBe(true);
  });

  it('ships a filter of the current format', () => {
    expect(QUOTE_FILTER.format).toBe(FILTER_MODEL_FORMAT);
  });
});

describe('quotation shape', () => {
  it('reads the case of each word by its first letter', () => {
    expect(shape('“Harbor Nights”')).toBe('allCap');
    expect(shape('“Ahoy”')).toBe('cap');
    expect(shape('“we will sail at dawn”')).toBe('lower');
    expect(shape('“We will sail at dawn”')).toBe('firstCap');
    expect(shape('“we will sail to Oslo”')).toBe('mixed');
    expect(shape('“— 42 —”')).toBe('none');
    // Letters beyond ASCII, and a no-break space between words.
    expect(shape('“Élan\u00a0Öl”')).toBe('allCap');
    expect(shape('“élan\u00a0Öl”')).toBe('mixed');
  });
});
