import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import { joinParagraphs, normalizeDate, present, squeeze } from '../text-util.ts';
import {
  attr,
  childElements,
  type ElementNode,
  findAll,
  findFirst,
  localName,
  parseMarkup,
} from './html/dom.ts';
import { textOf, xmlParagraphs } from './xml-text.ts';

/** NITF `docdata/@management-status` values that withdraw an article. */
const RETRACTED_STATUS = /^(?:canceled|cancelled|withheld|withdrawn|killed)$/i;

/**
 * One NITF 3.x document (the root element may also be found inside a NewsML-G2 inlineXML).
 * Headline hl1, sub-headlines hl2, byline, dateline, dates (docdata date.issue/date.release,
 * pubdata date.publication, story.date), outlet (pubdata name, distributor, copyright holder),
 * subjects (tobject.subject, key-list), body.content paragraphs.
 */
export function articleFromNitf(nitf: ElementNode, format: 'nitf' | 'newsml-g2' = 'nitf'): Article {
  const head = findFirst(nitf, 'head');
  const bodyEl = findFirst(nitf, 'body');
  const docdata = head ? findFirst(head, 'docdata') : undefined;
  const pubdata = head ? findFirst(head, 'pubdata') : undefined;
  const bodyHead = bodyEl ? findFirst(bodyEl, 'body.head') : undefined;
  const hedline = bodyHead
    ? findFirst(bodyHead, 'hedline')
    : bodyEl
      ? findFirst(bodyEl, 'hedline')
      : undefined;
  const title =
    textOf(hedline ? findFirst(hedline, 'hl1') : undefined) ??
    textOf(head ? findFirst(head, 'title') : undefined);
  const subheads = hedline
    ? childElements(hedline, 'hl2')
        .map((e) => textOf(e))
        .filter((x): x is string => !!x)
    : [];
  const abstract = bodyHead ? findFirst(bodyHead, 'abstract') : undefined;
  const deck =
    subheads.length > 0
      ? subheads.join(' ')
      : abstract
        ? joinParagraphs(xmlParagraphs(abstract)).replace(/\n\n/g, ' ')
        : undefined;

  const bylines = bodyHead ? findAll(bodyHead, 'byline') : [];
  const byline = bylines
    .map((b) => {
      const persons = findAll(b, 'person')
        .map((p) => textOf(p))
        .filter((x): x is string => !!x);
      return persons.length > 0 ? persons.join(', ') : textOf(b);
    })
    .filter((x): x is string => !!x)
    .map((b) => b.replace(/^by\s+/i, ''))
    .join('; ');

  const datelineEl = bodyHead ? findFirst(bodyHead, 'dateline') : undefined;
  let dateline: string | undefined;
  let storyDate: string | undefined;
  if (datelineEl) {
    const loc = findFirst(datelineEl, 'location');
    const city = loc ? findFirst(loc, 'city') : undefined;
    dateline = textOf(city) ?? textOf(loc);
    const sd = findFirst(datelineEl, 'story.date');
    storyDate = sd ? (attr(sd, 'norm') ?? textOf(sd)) : undefined;
    if (!dateline) dateline = textOf(datelineEl)?.replace(/\s*[-—–,]+\s*$/, '');
  }

  const dateIssue = docdata ? findFirst(docdata, 'date.issue') : undefined;
  const dateRelease = docdata ? findFirst(docdata, 'date.release') : undefined;
  const published = normalizeDate(
    (pubdata ? attr(pubdata, 'date.publication') : undefined) ??
      (dateIssue ? attr(dateIssue, 'norm') : undefined) ??
      (dateRelease ? attr(dateRelease, 'norm') : undefined) ??
      storyDate,
  );
  const distributor = bodyHead ? textOf(findFirst(bodyHead, 'distributor')) : undefined;
  const copyright = docdata ? findFirst(docdata, 'doc.copyright') : undefined;
  const outlet =
    (pubdata ? squeeze(attr(pubdata, 'name') ?? '') || undefined : undefined) ??
    distributor ??
    (copyright ? attr(copyright, 'holder') : undefined);
  const section = pubdata ? attr(pubdata, 'position.section') : undefined;
  const docId = docdata ? findFirst(docdata, 'doc-id') : undefined;
  const id = docId ? attr(docId, 'id-string') : attr(nitf, 'uno');

  const subjects: string[] = [];
  if (head) {
    for (const s of findAll(head, 'tobject.subject')) {
      const v =
        attr(s, 'tobject.subject.matter') ??
        attr(s, 'tobject.subject.detail') ??
        attr(s, 'tobject.subject.type');
      if (v && !subjects.includes(v)) subjects.push(v);
    }
    for (const k of findAll(head, 'keyword')) {
      const v = attr(k, 'key');
      if (v && !subjects.includes(v)) subjects.push(v);
    }
  }
  const status = docdata ? attr(docdata, 'management-status') : undefined;
  const retracted = !!status && RETRACTED_STATUS.test(status.trim());
  const language =
    attr(nitf, 'xml:lang') ?? attr(nitf, 'lang') ?? (head ? metaContent(head, 'language') : undefined);

  const content = bodyEl ? findFirst(bodyEl, 'body.content') : undefined;
  const paragraphs = content ? xmlParagraphs(content) : [];
  const body = joinParagraphs(paragraphs);
  if (!body && !retracted)
    throw new UnusableContentError('NO_BODY', 'the NITF document has no body.content paragraphs');
  const urlMeta = head ? metaContent(head, 'url') : undefined;
  return {
    format,
    ...present({
      id,
      title,
      deck,
      byline,
      published,
      outlet,
      dateline,
      url: urlMeta && /^https?:\/\//.test(urlMeta) ? urlMeta : undefined,
      language,
      section,
      subjects,
      retracted,
    }),
    body,
  };
}

function metaContent(head: ElementNode, name: string): string | undefined {
  for (const m of childElements(head, 'meta'))
    if (attr(m, 'name')?.toLowerCase() === name) return attr(m, 'content');
  return undefined;
}

export function parseNitf(xml: string): Article {
  const doc = parseMarkup(xml, { xml: true });
  const root = findFirst(doc, 'nitf');
  if (!root || localName(root.tag) !== 'nitf')
    throw new UnusableContentError('UNPARSEABLE', 'no <nitf> root element');
  return articleFromNitf(root);
}
