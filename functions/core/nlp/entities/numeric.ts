/** Rule-based MONEY, PERCENT and DATE mentions. */
import type { EntityType } from '../../types.ts';

export interface NumericMention {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// The lookaheads (?=[a-z]) etc. before an alternation of words match nothing the words would not:
// each names the letters all the words start with. They only make V8 compile the patterns in a few
// milliseconds instead of tens (its analysis of what may follow an optional part stops at them),
// which the first article of a cold start pays.
const SCALE = String.raw`(?:\s?(?=[tmbk])(?:thousand|million|billion|trillion|bn|mln|m|k)\b)?`;
const CURRENCY_WORD = `(?:dollars?|euros?|pounds?(?: sterling)?|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|marks?|pesos?|lire|lira|rand|won|crowns?|kronor|kroner|cents?|pence)`;
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`;
const WEEKDAY = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;

const RULES: readonly [EntityType, RegExp][] = [
  [
    'MONEY',
    new RegExp(
      String.raw`(?:(?<![\w$£€¥₹₽])(?:US|U\.S\.|A|C|HK|NZ|S)?[$£€¥₹₽]\s?(?:${NUM})${SCALE}|\b(?:${NUM})${SCALE}\s(?=[a-zA-Z])(?:(?:US|U\.S\.|Canadian|Australian|Hong Kong|Swiss|French|German)\s)?(?=[a-z])${CURRENCY_WORD}\b)`,
      'g',
    ),
  ],
  ['PERCENT', new RegExp(String.raw`\b(?:${NUM})\s?(?:%|percent\b|per cent\b|percentage points?\b)`, 'g')],
  [
    'DATE',
    new RegExp(
      String.raw`\b(?:(?=[A-Z])${MONTH}\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s(?=[A-Z])${MONTH}(?:,?\s\d{4})?|${MONTH},?\s\d{4}|(?:early|mid|late)-?(?=[A-Z])${MONTH}|\d{4}-\d{2}-\d{2}|${WEEKDAY}|(?:yesterday|today|tomorrow)\b|(?:last|next|this)\s(?=[a-z])(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b|(?:in|since|until|by|from|during|before|after)\s(?:the\s)?(?:19|20)\d{2}s?)\b`,
      'g',
    ),
  ],
];

export function findNumeric(text: string): NumericMention[] {
  const out: NumericMention[] = [];
  for (const [type, re] of RULES) {
    for (const m of text.matchAll(re)) {
      let start = m.index;
      let s = m[0];
      // "in 1996": the date is the year only.
      const lead = /^(?:in|since|until|by|from|during|before|after)\s(?:the\s)?/.exec(s);
      if (type === 'DATE' && lead) {
        start += lead[0].length;
        s = s.slice(lead[0].length);
      }
      const trimmed = s.replace(/[\s.,]+$/, '');
      if (trimmed.endsWith('.') === false && s !== trimmed && !/\.$/.test(trimmed)) s = trimmed;
      out.push({ type, start, end: start + s.length, text: s });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop overlaps, keeping the earlier and longer span.
  const kept: NumericMention[] = [];
  for (const m of out) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}
