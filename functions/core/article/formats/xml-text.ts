import { squeeze } from '../text-util.ts';
import { type ElementNode, localName, textContent, walk } from './html/dom.ts';

const PARAGRAPH_TAGS = new Set([
  'p',
  'hl2',
  'hl3',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'pre',
  'blockquote',
  'dd',
  'dt',
]);
const SKIP_TAGS = new Set([
  'media',
  'media-caption',
  'media-reference',
  'media-metadata',
  'media-object',
  'media-producer',
  'fn',
  'note',
  'script',
  'style',
  'figure',
  'figcaption',
  'img',
  'table',
]);

/** Paragraphs of an XML or XHTML body: each paragraph-like element once, media and notes left out. */
export function xmlParagraphs(root: ElementNode): string[] {
  const out: string[] = [];
  let loose: string[] = [];
  const flushLoose = () => {
    const t = squeeze(loose.join(' '));
    if (t) out.push(t);
    loose = [];
  };
  walk(root, (n) => {
    if (n.kind === 'text') {
      if (n.text.trim()) loose.push(n.text);
      return true;
    }
    const name = localName(n.tag);
    if (SKIP_TAGS.has(name)) return false;
    if (PARAGRAPH_TAGS.has(name)) {
      flushLoose();
      const t = squeeze(textContent(n));
      if (t) out.push(t);
      return false;
    }
    if (name === 'br' || name === 'block' || name === 'div' || name === 'section') flushLoose();
    return true;
  });
  flushLoose();
  return out;
}

export function textOf(el: ElementNode | undefined): string | undefined {
  if (!el) return undefined;
  const t = squeeze(textContent(el));
  return t.length > 0 ? t : undefined;
}
