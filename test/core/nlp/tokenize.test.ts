import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences, tokenize } from '#core/nlp/tokenize.ts';

const texts = (s: string) => tokenize(s).map((t) => t.text);
const norms = (s: string) => tokenize(s).map((t) => t.norm);

describe('tokenize', () => {
  it('keeps dotted abbreviations and splits clitics and punctuation', () => {
    expect(texts(`Russia's U.S. ally, Mr. Smith, don't.`)).toEqual([
      'Russia',
      "'s",
      'U.S.',
      'ally',
      ',',
      'Mr.',
      'Smith',
      ',',
      'do',
      "n't",
      '.',
    ]);
  });

  it('keeps hyphenated words whole and splits dashes', () => {
    expect(texts('anti-aircraft TOR-M1 short-range')).toEqual(['anti-aircraft', 'TOR-M1', 'short-range']);
    expect(texts('MOSCOW -- Russia')).toEqual(['MOSCOW', '--', 'Russia']);
    expect(texts('stop—ever')).toEqual(['stop', '—', 'ever']);
  });

  it('straightens curly quotes in the normalised form only', () => {
    const toks = tokenize('“We’re here,” he said.');
    expect(toks.map((t) => t.text)).toEqual(['“', 'We', '’re', 'here', ',', '”', 'he', 'said', '.']);
    expect(toks.map((t) => t.norm)).toEqual(['"', 'We', "'re", 'here', ',', '"', 'he', 'said', '.']);
  });

  it('reads spaced initials as one dotted token', () => {
    const toks = tokenize('the U N Security Council and the U S State Department');
    const un = toks.find((t) => t.text === 'U N')!;
    expect(un.norm).toBe('U.N.');
    expect(toks.find((t) => t.text === 'U S')!.norm).toBe('U.S.');
    // Pronoun and article never start a run; long letter runs stay apart.
    expect(norms('I A B C D')).toEqual(['I', 'A', 'B', 'C', 'D']);
  });

  it('splits currency and percent signs, keeps numbers and dates whole', () => {
    expect(texts('$1 billion, 5.5% on 1996-08-22')).toEqual([
      '$',
      '1',
      'billion',
      ',',
      '5.5',
      '%',
      'on',
      '1996-08-22',
    ]);
  });

  it('keeps list enumerators at the start of a line', () => {
    expect(texts('1. Schumacher\nin 1996.')).toEqual(['1.', 'Schumacher', 'in', '1996', '.']);
  });

  it('handles particle names, possessive plurals and all-caps headlines', () => {
    expect(texts('Osama bin Laden met Ursula von der Leyen')).toEqual([
      'Osama',
      'bin',
      'Laden',
      'met',
      'Ursula',
      'von',
      'der',
      'Leyen',
    ]);
    expect(texts("the ministers' talks")).toEqual(['the', 'ministers', "'", 'talks']);
    expect(texts('RUSSIA SAYS IRAN DEAL DONE')).toEqual(['RUSSIA', 'SAYS', 'IRAN', 'DEAL', 'DONE']);
  });

  it('splits on Unicode spaces and the zero-width space, not on other format characters', () => {
    // no-break, thin, zero-width, ideographic spaces and the byte-order mark separate words;
    // the zero-width non-joiner (U+200C) is part of its word
    expect(texts('Ana\u00a0Lima\u2009met\u200bthe\u3000mayor\ufeffof Kiev\u200cska')).toEqual([
      'Ana',
      'Lima',
      'met',
      'the',
      'mayor',
      'of',
      'Kiev\u200cska',
    ]);
    expect(texts('\t\v\f\r\n  x9\u2028y\u2029z ')).toEqual(['x9', 'y', 'z']);
  });

  it('round-trips offsets on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const toks = tokenize(s);
        let prev = 0;
        for (const t of toks) {
          expect(s.slice(t.start, t.end)).toBe(t.text);
          expect(t.start).toBeGreaterThanOrEqual(prev);
          expect(t.end).toBeGreaterThan(t.start);
          prev = t.end;
        }
        // Everything between tokens is whitespace.
        let at = 0;
        for (const t of [...toks, { start: s.length, end: s.length }]) {
          expect(s.slice(at, t.start)).toMatch(
            /^[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*$/u,
          );
          at = t.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips offsets on news-like text', () => {
    const s = 'MOSCOW -- Russia’s “U N” envoy said: ‘No.’ (Reuters) $1.5bn, 3% [sic] — “Fine…”';
    for (const t of tokenize(s)) expect(s.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('splitSentences', () => {
  it('splits after final punctuation but not after titles or initials', () => {
    const s = 'Mr. Ivanov met Dr. J. Smith in the U.S. on Monday. "It went well," he said. Talks resume.';
    expect(splitSentences(s).map((x) => x.text)).toEqual([
      'Mr. Ivanov met Dr. J. Smith in the U.S. on Monday.',
      '"It went well," he said.',
      'Talks resume.',
    ]);
  });

  it('always splits at line breaks and keeps exact offsets', () => {
    const s = 'Headline here\n\nMOSCOW -- Body text.';
    const parts = splitSentences(s);
    expect(parts.map((p) => p.text)).toEqual(['Headline here', 'MOSCOW -- Body text.']);
    for (const p of parts) expect(s.slice(p.start, p.end)).toBe(p.text);
  });

  it('ends a sentence at an abbreviation only before a word that opens a clause or an opening mark', () => {
    const s =
      'Grain prices fell in the U.S. While farmers waited, traders sold. Buyers in the U.S. Midwest held.';
    expect(splitSentences(s).map((x) => x.text)).toEqual([
      'Grain prices fell in the U.S.',
      'While farmers waited, traders sold.',
      'Buyers in the U.S. Midwest held.',
    ]);
    const t = 'The plant opened at 9 a.m. "It is late," a guard said. Ms. Ruiz left.';
    expect(splitSentences(t).map((x) => x.text)).toEqual([
      'The plant opened at 9 a.m.',
      '"It is late," a guard said.',
      'Ms. Ruiz left.',
    ]);
  });
});
