import fc from 'fast-check';

/** Pieces of news prose, and of what breaks naive extractors, for text that looks half-real. */
const PIECES = [
  '"',
  '“',
  '”',
  '‘',
  '’',
  "'",
  '«',
  '»',
  '„',
  '``',
  "''",
  'said',
  'says',
  'told reporters',
  'according to',
  'he',
  'she',
  'they',
  'the spokesman',
  'Mr.',
  'Dr.',
  'U.S.',
  'U N',
  'Ann Lee',
  'Vladimir Putin',
  'State Department',
  'New York',
  'MOSCOW --',
  'Reuters',
  '$4.5 million',
  '12%',
  'Monday',
  '.',
  ',',
  ':',
  ';',
  '--',
  '—',
  '(',
  ')',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\u200b',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  'e\u0301',
  'İstanbul',
  'ǅ',
  'ß',
  '<p>',
  '</p>',
  '<b>',
  '&amp;',
  '&#8220;',
] as const;

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Z][a-z]{1,9}$/) },
);

/** Text made of news-like pieces, joined by spaces or glued together. */
export const newsish = fc
  .tuple(fc.array(piece, { maxLength: 60 }), fc.array(fc.constantFrom(' ', '', ' ', '\n'), { maxLength: 60 }))
  .map(([parts, seps]) => parts.map((p, i) => p + (seps[i] ?? ' ')).join(''));

/** Any string at all: UTF-16 code units (lone surrogates included), graphemes, or news-like text. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ maxLength: 300 }),
  newsish,
);

export const FILENAMES = ['a.txt', 'a.html', 'a.json', 'a.jsonl', 'a.xml', 'a.md', 'a.txt.gz', 'noext', ''];
