/**
 * Training-data variants for spellings that 1996 wire text never uses but today's news does.
 */
import type { ConllDocument } from '../../functions/core/nlp/entities/conll.ts';

/** An abbreviation written with periods after single capitals: `U.S.`, `U.N.`, `U.A.E.`. */
const DOTTED = /^(?:\p{Lu}\.){2,}$/u;

/**
 * Dotless abbreviations (`US`, `UK`, `UN` for `U.S.`, `U.K.`, `U.N.`): in every `every`-th document
 * (from `offset`), each dotted abbreviation is written without its periods, keeping its tag, so the
 * model learns both spellings. The other documents are returned unchanged (the same objects).
 */
export function dotlessAbbreviations(
  docs: readonly ConllDocument[],
  every: number,
  offset = 0,
): ConllDocument[] {
  return docs.map((d, i) =>
    i % every !== offset
      ? d
      : {
          sentences: d.sentences.map((s) => ({
            tokens: s.tokens.map((t) => (DOTTED.test(t) ? t.replaceAll('.', '') : t)),
            tags: s.tags,
          })),
        },
  );
}

/**
 * Extra training documents with dotless abbreviations: from every `every`-th document (from
 * `offset`), the sentences that hold a dotted abbreviation, written without its periods and with the
 * same tags, as one more document. The documents themselves are kept as written.
 */
export function dotlessCopies(docs: readonly ConllDocument[], every: number, offset = 0): ConllDocument[] {
  const extra: ConllDocument[] = [];
  docs.forEach((d, i) => {
    if (i % every !== offset) return;
    const sentences = d.sentences
      .filter((s) => s.tokens.some((t) => DOTTED.test(t)))
      .map((s) => ({
        tokens: s.tokens.map((t) => (DOTTED.test(t) ? t.replaceAll('.', '') : t)),
        tags: s.tags,
      }));
    if (sentences.length > 0) extra.push({ sentences });
  });
  return [...docs, ...extra];
}
