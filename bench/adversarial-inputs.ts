/**
 * Adversarial input families for the parser and the extractor, each a deterministic function of
 * a size n (in units of the family: marks, bytes, tags, words...). Shared by `bench/adversarial.ts`
 * (time grows linearly with n) and `test/core/adversarial.test.ts` (results stay correct).
 */

import { seeded } from '../scripts/random.ts';

export { seeded };

export interface Family {
  readonly name: string;
  readonly description: string;
  /** File name given to parseObject (its extension is a format hint). */
  readonly filename: string;
  /** The size at which the family is "as the issue states it" (a million marks, 1 MB...). */
  readonly fullSize: number;
  make(n: number): string;
}

const CAPITALISED = [
  'Ann',
  'Lee',
  'State',
  'Department',
  'New',
  'York',
  'Vladimir',
  'Putin',
  'United',
  'Nations',
  'General',
  'Assembly',
  'President',
  'Minister',
  'Foreign',
  'Affairs',
  'Bank',
  'Of',
  'The',
  'Mr.',
];

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export const FAMILIES: readonly Family[] = [
  {
    name: 'quoteMarks',
    description: 'n straight and curly quotation marks, a few spaces between',
    filename: 'marks.txt',
    fullSize: 1_000_000,
    make: (n) => `Headline\n\n${repeatTo('""“”" \'"«»„"', n)}`,
  },
  {
    name: 'unclosedQuotes',
    description: 'n words, an opening mark every few words and never a closing one',
    filename: 'open.txt',
    fullSize: 200_000,
    make: (n) => {
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(i % 7 === 0 ? '“word' : i % 11 === 0 ? 'said' : 'word');
      return words.join(' ');
    },
  },
  {
    name: 'longWord',
    description: 'one "word" of n letters',
    filename: 'word.txt',
    fullSize: 1_048_576,
    make: (n) => `Headline\n\nThe word is ${repeatTo('abcdefghij', n)} and nothing else.`,
  },
  {
    name: 'nestedTags',
    description: 'HTML with n nested tags around the body',
    filename: 'nested.html',
    fullSize: 10_000,
    make: (n) =>
      `<html><head><title>Nested</title></head><body>${'<div><span>'.repeat(n / 2)}<p>"Deep inside," Ann Lee said.</p>${'</span></div>'.repeat(n / 2)}</body></html>`,
  },
  {
    name: 'capitalisedRun',
    description: 'n capitalised words in a row, no sentence end',
    filename: 'caps.txt',
    fullSize: 200_000,
    make: (n) => {
      const random = seeded(n);
      const words: string[] = [];
      for (let i = 0; i < n; i++)
        words.push(CAPITALISED[Math.floor(random() * CAPITALISED.length)] as string);
      return `Headline\n\n${words.join(' ')}.`;
    },
  },
  {
    name: 'saidSaid',
    description: '"said" repeated n times, with quotes and names around',
    filename: 'said.txt',
    fullSize: 200_000,
    make: (n) => `Headline\n\n"Yes," ${'said '.repeat(n)}Ann Lee said "no" said he.`,
  },
  {
    name: 'pronounQuotes',
    description:
      'n one-line paragraphs, each a quotation credited through "the agency said", "it added" or "he said"',
    filename: 'pronouns.txt',
    fullSize: 40_000,
    make: (n) => {
      const cues = ['the agency said.', 'it added.', 'he said of Ann Lee.'];
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(`"Point ${i} stands," ${cues[i % 3]}`);
      return `Headline\n\n${lines.join('\n\n')}`;
    },
  },
  {
    name: 'controlChars',
    description: 'n characters of text with C0 controls and zero-width marks mixed in',
    filename: 'control.txt',
    fullSize: 1_000_000,
    make: (n) => {
      const random = seeded(7);
      const pieces = [
        'Ann',
        ' ',
        'Lee',
        '\u0001',
        '\u0007',
        '\u200b',
        '"',
        'said',
        '\u001b',
        '\t',
        '\u00ad',
        '.',
      ];
      let out = 'Headline\n\n';
      while (out.length < n) out += pieces[Math.floor(random() * pieces.length)];
      return out.slice(0, n);
    },
  },
  {
    name: 'noSpaces',
    description: 'one line of n characters of words and punctuation with no space',
    filename: 'line.txt',
    fullSize: 1_000_000,
    make: (n) => `Headline\n\n${repeatTo('Ann,Lee."Said"-U.S.(New)York;said:x', n)}`,
  },
  {
    name: 'sharedSurname',
    description: 'n people of one surname, each named in full, then by title or by surname alone',
    filename: 'surname.txt',
    fullSize: 10_000,
    make: (n) => {
      const first = ['Ann', 'Lee', 'Maria', 'John', 'Tomas', 'Ines', 'Paul', 'Rita', 'Omar', 'Sara'];
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        const name = `${first[i % 10]} ${first[Math.floor(i / 10) % 10]} ${first[Math.floor(i / 100) % 10]}`;
        lines.push(
          `${name} Okafor spoke. Sen. Okafor agreed, and Okafor's son left. "No," Mrs. Okafor said.`,
        );
      }
      return `Headline\n\n${lines.join('\n\n')}`;
    },
  },
];
