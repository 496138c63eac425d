import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import { clean, normalizeDate, squeeze } from '../text-util.ts';
import { matchDateline, tidySpacing } from './text.ts';

/** Front matter keys read as metadata (YAML `key: value` lines only, no nested structures). */
const FRONT_MATTER: Record<string, keyof MetaFields> = {
  title: 'title',
  headline: 'title',
  description: 'deck',
  subtitle: 'deck',
  summary: 'deck',
  deck: 'deck',
  author: 'byline',
  authors: 'byline',
  byline: 'byline',
  date: 'published',
  published: 'published',
  publishdate: 'published',
  published_at: 'published',
  pubdate: 'published',
  updated: 'modified',
  lastmod: 'modified',
  modified: 'modified',
  source: 'outlet',
  outlet: 'outlet',
  publisher: 'outlet',
  site: 'outlet',
  url: 'url',
  canonical: 'url',
  canonical_url: 'url',
  link: 'url',
  lang: 'language',
  language: 'language',
  locale: 'language',
  section: 'section',
  category: 'section',
  dateline: 'dateline',
};

interface MetaFields {
  title?: string;
  deck?: string;
  byline?: string;
  published?: string;
  modified?: string;
  outlet?: string;
  url?: string;
  language?: string;
  section?: string;
  dateline?: string;
}

function unquote(v: string): string {
  const t = v.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  if (t.startsWith('[') && t.endsWith(']'))
    return t
      .slice(1, -1)
      .split(',')
      .map((x) => unquote(x))
      .join(', ');
  return t;
}

/** Inline Markdown to plain text: links, images, emphasis, code, inline HTML. Bounded patterns only. */
export function inlineToText(s: string): string {
  return s
    .replace(/!\[[^\]\n]{0,500}\]\([^()[\]\s]{0,2000}(?:\s+"[^"\n]{0,300}")?\)/g, '')
    .replace(/\[([^\][\n]{0,500})\]\([^()[\]\s]{0,2000}(?:\s+"[^"\n]{0,300}")?\)/g, '$1')
    .replace(/\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]/g, '$1')
    .replace(/<\/?[A-Za-z][^<>\n]{0,500}>/g, '')
    .replace(/`([^`\n]{0,1000})`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_\n]{0,1000}?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]{0,1000}?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/~~([^~\n]{0,1000})~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** A Markdown article: front matter or a first-level heading for the headline, blocks as paragraphs. */
export function parseMarkdown(raw: string): Article {
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const meta: MetaFields = {};
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    const end2 = lines.indexOf('...', 1);
    const stop = end > 0 ? end : end2;
    if (stop > 0) {
      for (const line of lines.slice(1, stop)) {
        const m = /^([A-Za-z_][\w-]{0,40})\s*:\s*(.*)$/.exec(line);
        if (!m) continue;
        const field = FRONT_MATTER[m[1]!.toLowerCase()];
        const value = clean(unquote(m[2]!));
        if (field && value && !meta[field]) meta[field] = value;
      }
      i = stop + 1;
    }
  }
  const blocks: { text: string; heading: number }[] = [];
  let para: string[] = [];
  let inFence = false;
  const flush = () => {
    if (para.length > 0) {
      const t = squeeze(inlineToText(para.join(' ')));
      if (t) blocks.push({ text: t, heading: 0 });
    }
    para = [];
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s{0,3}(?:```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      flush();
      const t = squeeze(inlineToText(atx[2]!));
      if (t) blocks.push({ text: t, heading: atx[1]!.length });
      continue;
    }
    const next = lines[i + 1];
    if (para.length === 0 && next !== undefined && /^\s{0,3}(?:=+|-+)\s*$/.test(next) && line.trim() !== '') {
      const t = squeeze(inlineToText(line));
      if (t) blocks.push({ text: t, heading: next.trim().startsWith('=') ? 1 : 2 });
      i++;
      continue;
    }
    if (/^\s{0,3}(?:[-*_]\s*){3,}$/.test(line)) {
      flush();
      continue;
    }
    const item = /^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para.push(item[1]!);
      continue;
    }
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    para.push(quote ? quote[1]! : line);
  }
  flush();
  if (blocks.length === 0) throw new UnusableContentError('EMPTY', 'the Markdown document holds no text');
  // The first top-level heading before any paragraph is the headline.
  let start = 0;
  const first = blocks[0]!;
  if (first.heading > 0 && first.heading <= 2) {
    if (!meta.title) meta.title = first.text;
    start = 1;
    // An emphasised or short line right after the headline is the deck, "By ..." the byline.
    const second = blocks[1];
    if (second && second.heading === 0 && /^by\s+\S/i.test(second.text) && second.text.length < 120) {
      if (!meta.byline) meta.byline = second.text.replace(/^by\s+/i, '');
      start = 2;
    } else if (second && second.heading >= 2 && !meta.deck) {
      meta.deck = second.text;
      start = 2;
    }
  }
  const body = blocks.slice(start).map((b) => tidySpacing(b.text));
  const firstBody = body[0];
  if (firstBody && !meta.dateline) {
    const d = matchDateline(firstBody);
    if (d) meta.dateline = d;
  }
  const published = normalizeDate(meta.published);
  const modified = normalizeDate(meta.modified);
  const text = body.join('\n\n');
  if (text.length === 0)
    throw new UnusableContentError('NO_BODY', 'the Markdown document has a headline but no body');
  return {
    format: 'markdown',
    ...meta,
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    body: text,
  };
}
