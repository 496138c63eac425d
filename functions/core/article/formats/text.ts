import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';

const DATELINE = /^([A-Z][A-Z .,'-]{1,60}?)\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-)\s+/;

/** Plain-text article: optional outlet line, headline, deck, dateline, body paragraphs. */
export function parsePlainText(raw: string): Article {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]*\n[ \t]*/g, ' ').trim())
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) throw new UnusableContentError('EMPTY', 'the object holds only whitespace');
  const bodyStart = paragraphs.findIndex((p) => DATELINE.test(p));
  let head: string[] = [];
  let body = paragraphs;
  if (bodyStart > 0) {
    head = paragraphs.slice(0, bodyStart);
    body = paragraphs.slice(bodyStart);
  }
  const dateline = body[0]?.match(DATELINE)?.[1]?.trim();
  let outlet: string | undefined;
  if (head.length >= 3) outlet = head.shift();
  const [title, deck] = head;
  return {
    format: 'text',
    ...(title ? { title } : {}),
    ...(deck ? { deck } : {}),
    ...(outlet ? { outlet } : {}),
    ...(dateline ? { dateline } : {}),
    body: body.join('\n\n'),
  };
}
