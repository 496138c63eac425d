import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import { scanQuoteMarks } from '../../../../functions/core/nlp/quotes/marks.ts';
import { splitParagraphs } from '../../../../functions/core/nlp/quotes/text.ts';

function scan(text: string): string[] {
  return scanQuoteMarks(text, splitParagraphs(text)).map((q) => text.slice(q.start, q.end));
}

describe('quotation marks', () => {
  it('finds straight and curly double quotes, marks included', () => {
    expect(scan('He said "one thing" and then “another thing” today.')).toEqual([
      '"one thing"',
      '“another thing”',
    ]);
  });

  it("treats '' and `` as marks", () => {
    expect(scan("''It is fine,'' she said. ``Quite so,'' he said.")).toEqual([
      "''It is fine,''",
      "``Quite so,''",
    ]);
  });

  it('keeps single quotes nested in double quotes inside the outer quotation', () => {
    const text = '"He told me \'never again\' and left," she said.';
    expect(scan(text)).toEqual(['"He told me \'never again\' and left,"']);
  });

  it('finds top-level single quotes (headlines) but not apostrophes or elisions', () => {
    expect(scan("Flynn says Trump 'absolutely right' about generals")).toEqual(["'absolutely right'"]);
    expect(scan("The Joneses' car and rock 'n' roll in the '90s, don't worry")).toEqual([]);
  });

  it('runs a quotation over several sentences', () => {
    const text = '"We will win. We will win big. Believe me," he said.';
    expect(scan(text)).toEqual(['"We will win. We will win big. Believe me,"']);
  });

  it('joins a multi-paragraph quotation re-opened at each paragraph', () => {
    const text =
      '"First paragraph of the speech.\n\n"Second paragraph goes on.\n\n"And it ends here."\n\nNarration.';
    const [q] = scan(text);
    expect(q).toBe(text.slice(0, text.indexOf('\n\nNarration')));
  });

  it('opens a quotation at a paragraph starting with a closing mark and a space, as some outlets write', () => {
    expect(
      scan('Barabak praised him.\n\n” … he delivered a mix of orthodoxy and rejoinders,” Barabak wrote.'),
    ).toEqual(['” … he delivered a mix of orthodoxy and rejoinders,”']);
    expect(scan('It ended there.” Then nothing.')).toEqual([]);
  });

  it('finds partial quotations inside a sentence', () => {
    expect(scan('The senator called the plan "a disgrace" on Monday.')).toEqual(['"a disgrace"']);
  });

  it('never lets a stray mark swallow the following paragraphs', () => {
    const text = 'He is 6\'2" tall and "unclosed here\n\nNext paragraph "with a quote" inside.\n\nLast one.';
    const quotes = scanQuoteMarks(text, splitParagraphs(text));
    const para1End = text.indexOf('\n\n');
    for (const q of quotes) {
      if (q.start < para1End) expect(q.end).toBeLessThanOrEqual(para1End);
    }
    expect(quotes.map((q) => text.slice(q.start, q.end))).toContain('"with a quote"');
  });

  it('recovers from an opening mark that is never closed before the next one opens', () => {
    const text = 'He said "the first part and then "a second quote" followed.';
    const found = scan(text);
    expect(found).toContain('"a second quote"');
  });

  it('offsets round-trip on every quote, cue and mention', () => {
    const text = "“We're ready,” said Jane Doe. ‘Odd’ marks, \"unclosed\n\n„Low” quotes and ``tex'' style.";
    for (const q of findQuotes(text, [])) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      if (q.cue) expect(text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
      if (q.speaker)
        expect(text.slice(q.speaker.mention.start, q.speaker.mention.end)).toBe(q.speaker.mention.text);
    }
  });

  it('stays linear on adversarial input (a run of marks, a 1 MB word, many tiny quotes)', () => {
    const inputs = [
      (n: number) => '"'.repeat(n),
      (n: number) => '"a b" '.repeat(n / 6),
      (n: number) => "'x ".repeat(n / 3),
      (n: number) => `${'a\r'.repeat(n / 2)}\n`,
    ];
    for (const make of inputs) {
      const time = (n: number) => {
        const text = make(n);
        const t0 = performance.now();
        const quotes = findQuotes(text, []);
        for (const q of quotes) expect(q.end).toBeLessThanOrEqual(text.length);
        return performance.now() - t0;
      };
      time(20_000); // warm-up
      const small = time(50_000);
      const large = time(200_000);
      // Four times the input: linear is ~4x, quadratic ~16x. Slack for a loaded machine.
      expect(large).toBeLessThan(10 * small + 300);
    }
    const t0 = performance.now();
    findQuotes('a'.repeat(1_000_000), []);
    expect(performance.now() - t0).toBeLessThan(5_000);
  }, 60_000);
});
