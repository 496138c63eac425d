import { UnusableContentError } from '../errors.ts';
import type { ArticleFormat } from '../types.ts';

const NEWSML_ROOTS = new Set(['newsmessage', 'newsitem', 'packageitem', 'knowledgeitem', 'conceptitem']);
const HTML_TAGS =
  /^(?:html|head|body|div|p|article|section|main|span|h[1-6]|meta|title|link|script|style|table|ul|ol|a|header|nav|br|img|form|iframe|noscript|base)$/;

function extensionOf(filename: string | undefined): string {
  if (!filename) return '';
  const base = filename.replace(/\.(?:gz|gzip)$/i, '');
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(base);
  return m ? m[1]!.toLowerCase() : '';
}

/** Skips the XML declaration, comments, processing instructions and the doctype; returns the first tag name. */
function firstTagName(text: string, from: number): { name: string; doctype?: string } | undefined {
  let i = from;
  let doctype: string | undefined;
  const limit = Math.min(text.length, from + 65536);
  while (i < limit) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= limit) return undefined;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) return undefined;
      const decl = text.slice(lt + 2, Math.min(end, lt + 200));
      if (/^doctype/i.test(decl)) doctype = decl.slice(7).trim().toLowerCase();
      i = end + 1;
      continue;
    }
    const m = /^<([A-Za-z][\w.:-]{0,100})/.exec(text.slice(lt, lt + 110));
    if (!m) return undefined;
    return { name: m[1]!, ...(doctype !== undefined ? { doctype } : {}) };
  }
  return undefined;
}

function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, 20000);
  const lines = head.split('\n', 400);
  let signals = 0;
  let firstHeading = false;
  let seenContent = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (/^#{1,6}\s+\S/.test(line)) {
      signals += 2;
      if (!seenContent) firstHeading = true;
    } else if (/^(?:[-*+]|\d{1,3}\.)\s+\S/.test(line)) signals += 1;
    else if (/^>\s?/.test(line)) signals += 1;
    else if (/^(?:={3,}|-{3,})\s*$/.test(line)) signals += 2;
    else if (/^```/.test(line)) signals += 2;
    if (/\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)/.test(line)) signals += 1;
    if (/\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__/.test(line)) signals += 1;
    seenContent = true;
  }
  return firstHeading ? signals >= 3 : signals >= 5;
}

/**
 * Decides an object's format from its content; the file name and Content-Type only break ties
 * (Markdown versus plain text). Throws UNSUPPORTED_FORMAT for markup that is none of ours.
 */
export function detectFormat(
  text: string,
  hints: { filename?: string; contentType?: string } = {},
): ArticleFormat {
  let i = 0;
  while (i < text.length && i < 65536 && /\s/.test(text[i]!)) i++;
  const c = text[i];
  const ext = extensionOf(hints.filename);
  const ctype = (hints.contentType ?? '').toLowerCase();
  if (c === '{' || c === '[') {
    // A Markdown file may start with a link; JSON must then parse as JSON (checked by the parser).
    if (c === '[' && /^\[[^\]\n]*\]\(/.test(text.slice(i, i + 2000))) return 'markdown';
    return 'json';
  }
  if (c === '<') {
    const tag = firstTagName(text, i);
    if (tag) {
      const local = (
        tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name
      ).toLowerCase();
      if (local === 'nitf') return 'nitf';
      if (NEWSML_ROOTS.has(local)) return 'newsml-g2';
      if (tag.doctype?.startsWith('html') || HTML_TAGS.test(local)) return 'html';
      if (local === 'rss' || local === 'feed' || local === 'rdf')
        throw new UnusableContentError('UNSUPPORTED_FORMAT', `the object is a ${local} feed, not an article`);
      if (local === 'svg') throw new UnusableContentError('UNSUPPORTED_FORMAT', 'the object is an SVG image');
      if (tag.doctype?.startsWith('nitf')) return 'nitf';
      if (/^<\?xml/.test(text.slice(i, i + 10)) || ext === 'xml')
        throw new UnusableContentError(
          'UNSUPPORTED_FORMAT',
          `unsupported XML document with root element <${tag.name}>`,
        );
      return 'html';
    }
    if (tag === undefined && /^<!doctype html/i.test(text.slice(i, i + 20))) return 'html';
  }
  if (ext === 'md' || ext === 'markdown' || ctype.includes('markdown')) return 'markdown';
  if (ext === 'html' || ext === 'htm' || ctype.includes('html')) {
    if (/<(?:p|div|body|article)\b/i.test(text.slice(0, 100000))) return 'html';
  }
  if (looksLikeMarkdown(text)) return 'markdown';
  return 'text';
}
