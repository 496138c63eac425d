import { UnusableContentError } from '../../../errors.ts';
import type { Article } from '../../../types.ts';
import { joinParagraphs } from '../../text-util.ts';
import { parseMarkup } from './dom.ts';
import { extractBody, paragraphsOf } from './extract.ts';
import { readMetadata } from './metadata.ts';

/** An HTML page: the article body with boilerplate removed, plus its metadata. */
export function parseHtml(html: string): Article {
  const doc = parseMarkup(html);
  const meta = readMetadata(doc);
  const { paragraphs } = extractBody(doc);
  // The headline repeated in a styled element at the top of the body is not body text.
  const key = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  while (meta.title && paragraphs.length > 1 && key(paragraphs[0]!) === key(meta.title)) paragraphs.shift();
  let body = joinParagraphs(paragraphs);
  if (body.length === 0 && meta.ldArticleBody)
    body = joinParagraphs(meta.ldArticleBody.split(/\n\s*\n|\r?\n/));
  if (body.length === 0) throw new UnusableContentError('NO_BODY', 'the page holds no article text');
  const { ldArticleBody: _ld, ...fields } = meta;
  return { format: 'html', ...fields, body };
}

/** Plain paragraphs of an HTML fragment, no boilerplate removal (block elements become paragraphs). */
export function htmlToParagraphs(html: string): string[] {
  const doc = parseMarkup(html);
  return paragraphsOf(doc);
}
