import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codePointToUtf16,
  emptyCounts,
  goldOf,
  loadPolnear,
  matchSpans,
  parseAnn,
  quotedPieces,
  scoreDoc,
  speakerCorrect,
  summarize,
} from '../../../functions/cli/eval/quotes.ts';
import type { Quote } from '../../../functions/core/types.ts';

describe('eval quotes: PolNeAR reading', () => {
  it('converts code point offsets to UTF-16 (astral characters count once)', () => {
    const text = 'a😀b “c”';
    const cp = codePointToUtf16(text);
    // Code points: a(0) 😀(1) b(2) space(3) “(4) c(5) ”(6)
    expect(text.slice(cp[4]!, cp[7]!)).toBe('“c”');
  });

  it('parses discontinuous spans and ties roles through E lines', () => {
    const text = '"Yes," he said, "and no."';
    const ann = [
      'T1\tContent 0 6;16 25\t"Yes," "and no."',
      'T2\tSource 7 9\the',
      'T3\tCue 10 14\tsaid',
      'E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3',
    ].join('\n');
    const [a] = parseAnn(ann, codePointToUtf16(text));
    expect(a?.content.map((f) => text.slice(f.start, f.end))).toEqual(['"Yes,"', '"and no."']);
    expect(a?.sources.map((f) => text.slice(f.start, f.end))).toEqual(['he']);
    const pieces = quotedPieces(text, a!.content).map((f) => text.slice(f.start, f.end));
    expect(pieces).toEqual(['"Yes,"', '"and no."']);
  });

  it("counts '' as a mark and single-mark pieces, and closes pieces at the Content's end", () => {
    const text = "X said ''it is done'' and 'fine' plus \"open end";
    expect(
      quotedPieces(text, [{ start: 0, end: text.length }]).map((f) => text.slice(f.start, f.end)),
    ).toEqual(["''it is done''", "'fine'", '"open end']);
  });

  it('matches one-to-one, largest overlap first, at half the gold length', () => {
    const m = matchSpans(
      [
        { start: 0, end: 10 },
        { start: 0, end: 4 },
      ],
      [[{ start: 0, end: 10 }], [{ start: 20, end: 30 }]],
    );
    expect([...m.entries()]).toEqual([[0, 0]]);
  });

  it('credits a speaker by mention overlap or by the last word of the name', () => {
    const text = 'Sergei Ivanov said it. He said more.';
    const q = (start: number, end: number, name: string): Quote => ({
      type: 'direct',
      text: '',
      start: 0,
      end: 0,
      cue: null,
      speaker: { name, mention: { text: text.slice(start, end), start, end } },
    });
    expect(speakerCorrect(text, q(23, 25, 'Sergei Ivanov'), [{ start: 23, end: 25 }])).toBe(true);
    expect(speakerCorrect(text, q(23, 25, 'Sergei Ivanov'), [{ start: 0, end: 13 }])).toBe(true);
    expect(speakerCorrect(text, q(23, 25, 'Tom Casey'), [{ start: 0, end: 13 }])).toBe(false);
  });

  it('scores a small corpus end to end from files (first annotation file in sorted order)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polnear-'));
    mkdirSync(join(dir, 'text'));
    mkdirSync(join(dir, 'attributions'));
    const text = '"We will win," Jane Roe said. Officials said the vote was close.';
    writeFileSync(join(dir, 'text', 'doc_a.txt'), text);
    writeFileSync(
      join(dir, 'attributions', 'doc_a_aaaa.ann'),
      'T1\tContent 0 14\t"We will win,"\nT2\tSource 15 23\tJane Roe\nE1\tAttribution:T1 Content:T1 Source:T2\n' +
        'T3\tContent 44 63\tthe vote was close\nT4\tSource 30 39\tOfficials\nE2\tAttribution:T3 Content:T3 Source:T4\n',
    );
    writeFileSync(join(dir, 'attributions', 'doc_a_zzzz.ann'), '');
    const docs = loadPolnear(dir);
    expect(docs).toHaveLength(1);
    const gold = goldOf(docs[0]!);
    expect(gold.direct).toHaveLength(1);
    expect(gold.indirect).toHaveLength(1);
    const counts = emptyCounts();
    const pred: Quote[] = [
      {
        type: 'direct',
        text: '"We will win,"',
        start: 0,
        end: 14,
        cue: null,
        speaker: { name: 'Jane Roe', mention: { text: 'Jane Roe', start: 15, end: 23 } },
      },
      { type: 'direct', text: 'Officials', start: 30, end: 39, cue: null, speaker: null },
    ];
    scoreDoc(docs[0]!, pred, counts);
    const s = summarize(counts);
    expect(s.directRecall).toBe(1);
    expect(s.directPrecision).toBe(0.5);
    expect(s.attributionAccuracy).toBe(1);
    expect(s.indirectRecall).toBe(0);
  });
});
