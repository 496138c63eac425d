import type { Extraction, Span } from '#core/types.ts';

/**
 * Every way an extraction can break the span convention, as readable messages (empty when the
 * extraction is valid): each span inside the text, non-empty, `text.slice(start, end) === span.text`,
 * entity mentions and quotes ordered by start, and a quote's cue and speaker mention valid too.
 */
export function spanProblems(text: string, extraction: Extraction): string[] {
  const problems: string[] = [];
  const check = (what: string, span: Span | { start: number; end: number; text?: string }) => {
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      problems.push(`${what}: non-integer offsets ${start}..${end}`);
      return;
    }
    if (start < 0 || end > text.length || start >= end) {
      problems.push(`${what}: offsets ${start}..${end} outside 0..${text.length} or empty`);
      return;
    }
    if (span.text !== undefined && text.slice(start, end) !== span.text) {
      problems.push(
        `${what}: text.slice(${start}, ${end}) = ${JSON.stringify(text.slice(start, end))}, span says ${JSON.stringify(span.text)}`,
      );
    }
  };
  extraction.entities.forEach((e, i) => {
    check(`entity ${i}`, e);
    const prev = extraction.entities[i - 1];
    if (prev && e.start < prev.start) problems.push(`entity ${i} starts before entity ${i - 1}`);
    if (typeof e.canonical !== 'string' || e.canonical === '')
      problems.push(`entity ${i}: no canonical name`);
  });
  extraction.quotes.forEach((q, i) => {
    check(`quote ${i}`, q);
    const prev = extraction.quotes[i - 1];
    if (prev && q.start < prev.start) problems.push(`quote ${i} starts before quote ${i - 1}`);
    if (q.type !== 'direct' && q.type !== 'indirect') problems.push(`quote ${i}: type ${String(q.type)}`);
    if (q.cue) check(`quote ${i} cue`, q.cue);
    if (q.speaker) {
      check(`quote ${i} speaker mention`, q.speaker.mention);
      if (!q.speaker.name) problems.push(`quote ${i}: speaker without a name`);
    }
  });
  return problems;
}
