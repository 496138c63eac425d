import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import type { FormatResult, SkippedEntry } from '../parse.ts';
import { joinParagraphs, normalizeDate, present, splitParagraphs, squeeze } from '../text-util.ts';
import {
  attr,
  childElements,
  type ElementNode,
  findAll,
  findFirst,
  localName,
  parseMarkup,
  textContent,
} from './html/dom.ts';
import { articleFromNitf } from './nitf.ts';
import { textOf, xmlParagraphs } from './xml-text.ts';

/** `pubStatus` qcodes that withdraw an item (stat:canceled, stat:withheld; "withdrawn" as some providers write it). */
const RETRACTED_STATUS = /(?:^|:)(?:canceled|cancelled|withdrawn|withheld|killed)$/i;

function child(el: ElementNode | undefined, name: string): ElementNode | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.kind === 'element' && localName(c.tag) === name) return c;
  return undefined;
}

function nameOf(el: ElementNode | undefined): string | undefined {
  if (!el) return undefined;
  const n = child(el, 'name');
  return textOf(n) ?? attr(el, 'literal') ?? attr(el, 'qcode')?.replace(/^[^:]*:/, '') ?? textOf(el);
}

/** The body of a contentSet: NITF inside inlineXML, XHTML, or plain-text inlineData. */
function contentOf(contentSet: ElementNode | undefined): { body: string; nitf?: Article } {
  if (!contentSet) return { body: '' };
  for (const c of childElements(contentSet)) {
    const name = localName(c.tag);
    if (name === 'inlinexml') {
      const nitf = findFirst(c, 'nitf');
      if (nitf) {
        try {
          const a = articleFromNitf(nitf, 'newsml-g2');
          return { body: a.body, nitf: a };
        } catch (e) {
          if (!(e instanceof UnusableContentError)) throw e;
          continue;
        }
      }
      const htmlBody = findFirst(c, 'body') ?? c;
      // The XHTML rendition usually repeats the headline in an <h1>: leave it out of the body.
      for (const h1 of findAll(htmlBody, 'h1')) h1.parent?.children.splice(h1.parent.children.indexOf(h1), 1);
      const body = joinParagraphs(xmlParagraphs(htmlBody));
      if (body) return { body };
    } else if (name === 'inlinedata') {
      const type = (attr(c, 'contenttype') ?? 'text/plain').toLowerCase();
      const raw = textContent(c);
      const body = type.includes('html')
        ? joinParagraphs(xmlParagraphs(parseMarkup(raw)))
        : joinParagraphs(splitParagraphs(raw));
      if (body) return { body };
    }
  }
  return { body: '' };
}

export function articleFromNewsItem(item: ElementNode): Article {
  const itemMeta = child(item, 'itemmeta');
  const contentMeta = child(item, 'contentmeta');
  const pubStatus = attr(child(itemMeta, 'pubstatus') ?? item, 'qcode') ?? '';
  const retracted = RETRACTED_STATUS.test(pubStatus.trim());
  const { body, nitf } = contentOf(child(item, 'contentset'));
  if (!body && !retracted)
    throw new UnusableContentError(
      'NO_BODY',
      `newsItem ${attr(item, 'guid') ?? ''} has no text content`.replace('  ', ' '),
    );

  const headlines = contentMeta ? childElements(contentMeta, 'headline') : [];
  const main = headlines.find((h) => !/sub/i.test(attr(h, 'role') ?? '')) ?? headlines[0];
  const subs = [
    ...headlines.filter((h) => h !== main && /sub/i.test(attr(h, 'role') ?? '')),
    ...(contentMeta ? childElements(contentMeta, 'subheadline') : []),
  ]
    .map((h) => textOf(h))
    .filter((x): x is string => !!x);
  const summary = contentMeta
    ? childElements(contentMeta, 'description').find((d) =>
        /summary|abstract/i.test(attr(d, 'role') ?? 'summary'),
      )
    : undefined;
  const title = textOf(main) ?? nitf?.title;
  const deck = subs.length > 0 ? subs.join(' ') : (nitf?.deck ?? textOf(summary));
  const by = textOf(child(contentMeta, 'by'));
  const creators = contentMeta
    ? childElements(contentMeta, 'creator')
        .map((c) => nameOf(c))
        .filter((x): x is string => !!x)
    : [];
  const byline = (by ?? (creators.length > 0 ? creators.join(', ') : undefined) ?? nitf?.byline)?.replace(
    /^by\s+/i,
    '',
  );
  const dateline =
    textOf(child(contentMeta, 'dateline'))?.replace(/\s*[-—–,]+\s*$/, '') ??
    nitf?.dateline ??
    nameOf(child(contentMeta, 'located'));
  const published = normalizeDate(
    textOf(child(contentMeta, 'contentcreated')) ??
      textOf(child(itemMeta, 'firstcreated')) ??
      nitf?.published ??
      textOf(child(itemMeta, 'versioncreated')),
  );
  const modified = normalizeDate(
    textOf(child(itemMeta, 'versioncreated')) ?? textOf(child(contentMeta, 'contentmodified')),
  );
  const infoSources = contentMeta ? childElements(contentMeta, 'infosource') : [];
  const outlet =
    nameOf(infoSources.find((s) => /source|origin|publisher/i.test(attr(s, 'role') ?? 'source'))) ??
    nameOf(child(itemMeta, 'provider')) ??
    nitf?.outlet;
  const language =
    attr(child(contentMeta, 'language') ?? item, 'tag') ?? attr(item, 'xml:lang') ?? nitf?.language;
  const subjects: string[] = [];
  for (const s of contentMeta ? childElements(contentMeta, 'subject') : []) {
    const v = nameOf(s);
    if (v && !subjects.includes(v)) subjects.push(v);
  }
  const keywords = contentMeta ? childElements(contentMeta, 'keyword').map((k) => textOf(k)) : [];
  for (const k of keywords) if (k && !subjects.includes(k)) subjects.push(k);
  const links = itemMeta ? childElements(itemMeta, 'link') : [];
  const url = links.map((l) => attr(l, 'href')).find((h) => !!h && /^https?:\/\//.test(h));
  const guid = attr(item, 'guid');
  return {
    format: 'newsml-g2',
    ...present({
      id: guid ? squeeze(guid) : undefined,
      title,
      deck,
      byline,
      published,
      modified,
      outlet,
      dateline,
      url,
      language,
      subjects: subjects.length > 0 ? subjects : nitf?.subjects,
      retracted,
    }),
    body,
  };
}

/**
 * NewsML-G2: a single newsItem, or a newsMessage / package carrying several. Every newsItem is
 * its own article (id = guid); packageItems and knowledge items only organise them and are skipped.
 */
export function parseNewsMlG2(xml: string): FormatResult {
  const doc = parseMarkup(xml, { xml: true });
  const items = findAll(doc, 'newsitem');
  if (items.length === 0) {
    const root = childElements(doc)[0];
    throw new UnusableContentError(
      'NO_BODY',
      `the NewsML-G2 document${root ? ` (<${root.tag}>)` : ''} holds no newsItem with text`,
    );
  }
  const articles: Article[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => {
    try {
      const a = articleFromNewsItem(item);
      articles.push(items.length > 1 && !a.id ? { ...a, id: String(index) } : a);
    } catch (e) {
      if (!(e instanceof UnusableContentError)) throw e;
      skipped.push({ index, reason: e.reason, message: e.message });
    }
  });
  return { articles, skipped };
}
