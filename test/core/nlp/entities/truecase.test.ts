import { describe, expect, it } from 'vitest';
import { casingOf, isCapitalsWord, learnCasing, truecase } from '#core/nlp/entities/truecase.ts';

// Invented running text: how the words are usually cased.
const casing = learnCasing([
  ['The', 'mayor', 'of', 'Port', 'Lorne', 'said', 'the', 'harbor', 'was', 'calm', '.'],
  ['A', 'Port', 'Lorne', 'court', 'ruled', 'on', 'the', 'harbor', '.'],
  ['They', 'met', 'the', 'mayor', 'near', 'the', 'court', 'and', 'the', 'NATO', 'office', '.'],
  ['It', 'was', 'a', 'NATO', 'ruling', 'on', 'the', 'harbor', '.'],
  ['One', 'more', 'said', 'it', 'was', 'calm', 'and', 'met', 'on', 'time', '.'],
]);
const whole = (n: number) => [{ first: 0, last: n }];

describe('truecase', () => {
  it('tells capitals words and casing classes', () => {
    expect(isCapitalsWord('LORNE')).toBe(true);
    expect(isCapitalsWord('U.S.')).toBe(true);
    expect(isCapitalsWord('A')).toBe(false);
    expect(isCapitalsWord('Lorne')).toBe(false);
    expect([casingOf('harbor'), casingOf('Lorne'), casingOf('NATO'), casingOf('McKay')]).toEqual([
      0, 1, 2, -1,
    ]);
  });

  it('reads a dateline in capitals with running-text casing', () => {
    const words = ['PORT', 'LORNE', '—', 'The', 'mayor', 'said'];
    expect(truecase(words, whole(words.length), casing)).toEqual([
      'Port',
      'Lorne',
      '—',
      'The',
      'mayor',
      'said',
    ]);
  });

  it('reads a one-word dateline before a dash, and a headline in capitals', () => {
    const dateline = ['HARBOR', '—', 'The', 'mayor', 'said'];
    expect(truecase(dateline, whole(dateline.length), casing)[0]).toBe('Harbor');
    const head = ['MAYOR', 'MET', 'NATO', 'ON', 'HARBOR', 'COURT'];
    expect(truecase(head, whole(head.length), casing)).toEqual([
      'Mayor',
      'met',
      'NATO',
      'on',
      'harbor',
      'court',
    ]);
  });

  it('leaves a lone acronym in running text, unknown words, and text without capitals alone', () => {
    const words = ['The', 'mayor', 'met', 'ZORVEX', 'and', 'the', 'court'];
    expect(truecase(words, whole(words.length), casing)).toBe(words);
    const run = ['The', 'ZORVEX', 'MAYOR', 'spoke'];
    expect(truecase(run, whole(run.length), casing)).toEqual(['The', 'ZORVEX', 'mayor', 'spoke']);
  });
});
