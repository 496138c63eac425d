import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import { normalizeDate, splitParagraphs, squeeze } from '../text-util.ts';

/**
 * Wire-style dateline at the start of a paragraph: `MOSCOW --`, `WASHINGTON (Reuters) -`,
 * `NEW YORK, Jan. 5 (AP) —`, `SAO PAULO, Brazil —`. Only the first 160 characters are examined,
 * and every quantifier is bounded, so matching is linear.
 */
const DATELINE =
  /^((?:[A-Z][A-Z'’.-]*)(?: [A-Z][A-Z'’.-]*){0,5}(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3})?)(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?)? ?(?:\([A-Za-z0-9 .&'-]{1,40}\) ?)?(?:--|—|–|-|:) ?(?=\S)/;

/** Capitalised labels that open paragraphs like datelines but are not places. */
const NOT_PLACES =
  /^(?:UPDATE[SD]?|NOTE|EDITOR'?S NOTE|CORRECTION|CLARIFICATION|WARNING|BREAKING(?: NEWS)?|EXCLUSIVE|WATCH|VIDEO|PHOTOS?|ANALYSIS|OPINION|COMMENT|FILE|ADVISORY|URGENT|FLASH|BULLETIN|PREVIOUSLY|RELATED|READ MORE|Q|A)$/;

/** `MOSCOW -- Russia said ...` -> `MOSCOW`; undefined when the paragraph has no dateline. */
export function matchDateline(paragraph: string): string | undefined {
  const m = DATELINE.exec(paragraph.slice(0, 160));
  if (!m) return undefined;
  const place = m[1]!.trim();
  // At least one capitalised word of two letters or more, and not a sentence in capitals.
  const head = place.split(',')[0]!;
  if (!/[A-Z]{2}/.test(head) || head.length > 40 || NOT_PLACES.test(head)) return undefined;
  return place;
}

const HEADER_LINE =
  /^(?:your connection to|welcome to|home of|from the|brought to you by|powered by)\b|\.(?:com|net|org|co\.uk)\b|\s\|\s/i;
const BYLINE_LINE = /^(?:by|from|von|par|por)\s+\S/i;
const DATE_LINE =
  /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[\sT,]+[\d:]{4,8}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?[A-Z]{2,4})?)?$/;

/** Fixes spacing before punctuation that text captures often have: `technology .` -> `technology.` */
export function tidySpacing(paragraph: string): string {
  return paragraph.replace(/(\p{L}|\p{N}|["”’)]) +([.,;:!?])(?=\s|$)/gu, '$1$2');
}

/** An outlet name from a header line: `your connection to The Boston Globe` -> `The Boston Globe`. */
export function outletFromHeader(line: string): string {
  const s = line
    .replace(/^(?:your connection to|welcome to|home of|brought to you by|powered by)\s+/i, '')
    .trim();
  return s.length > 0 ? s : line;
}

function looksLikeHeadline(p: string): boolean {
  return p.length <= 200 && !/[.!]["”’]?$/.test(p);
}

export interface HeadParts {
  title?: string;
  deck?: string;
  outlet?: string;
  section?: string;
  byline?: string;
  published?: string;
}

/** A section label above a headline: `Politics`, `World News`, `SPORT`. */
const SECTION_LINE =
  /^(?:(?:local|world|national|international|breaking|latest|top|business|science|tech|us|uk|u\.s\.) )?(?:news|politics|world|business|economy|markets|money|finance|sports?|opinion|editorials?|comment|analysis|technology|tech|science|health|environment|climate|culture|arts|entertainment|lifestyle|travel|food|education|weather|obituaries|local|nation|features?|crime|justice|law)$/i;

/** The last word of a news outlet's name: `The Riverside Gazette`, `Los Angeles Times`. */
const OUTLET_NAME_END =
  /\b(?:Times|Post|News|Gazette|Herald|Journal|Tribune|Courier|Chronicle|Observer|Record|Daily|Weekly|Press|Star|Sun|Mail|Guardian|Telegraph|Review|Bulletin|Register|Monitor|Standard|Independent|Express|Today|Globe|Dispatch|Examiner|Inquirer|Sentinel|Reporter|Leader|Advertiser|Argus|Echo|Mirror|Wire|Magazine)$/;

/**
 * A line naming the outlet or the section above the headline rather than a headline: a section
 * label, or a name of at most five capitalised words ending like a newspaper's name. A headline
 * has a verb and lower-case words, or more words.
 */
export function labelLine(line: string): 'outlet' | 'section' | undefined {
  if (line.length > 60 || /[.!?:;,]$/.test(line) || /\d/.test(line)) return undefined;
  if (SECTION_LINE.test(line)) return 'section';
  const words = line.split(' ');
  if (words.length > 5) return undefined;
  const named = words.every(
    (w) => /^\p{Lu}/u.test(w) || /^(?:of|the|and|for|de|la|le|du|des|der|die|am|im)$/.test(w),
  );
  return named && OUTLET_NAME_END.test(line) ? 'outlet' : undefined;
}

/** Classifies the lines before the body: header or outlet line, headline, deck, byline, date. */
export function classifyHead(head: readonly string[]): HeadParts {
  const out: HeadParts = {};
  const rest: string[] = [];
  for (const line of head) {
    if (!out.byline && line.length < 120 && BYLINE_LINE.test(line)) {
      out.byline = line.replace(/^(?:by|from|von|par|por)\s+/i, '');
    } else if (!out.published && DATE_LINE.test(line)) {
      out.published = normalizeDate(line) ?? line;
    } else rest.push(line);
  }
  const first = rest[0];
  if (
    first &&
    rest.length >= 2 &&
    labelLine(first) === undefined &&
    (rest.length >= 3 ||
      HEADER_LINE.test(first) ||
      /^[a-z]/.test(first) ||
      (/^[^a-z]+$/.test(first) && /[a-z]/.test(rest[1] ?? '')))
  ) {
    out.outlet = outletFromHeader(first);
    rest.shift();
  }
  // Outlet and section labels above the headline (`The Riverside Gazette`, `Politics`).
  while (rest.length >= 2) {
    const label = labelLine(rest[0]!);
    if (!label || out[label]) break;
    out[label] = rest.shift()!;
  }
  if (rest[0]) out.title = rest[0];
  if (rest.length > 1) out.deck = rest.slice(1).join(' ');
  return out;
}

/** Plain-text article: optional outlet line, headline, deck, dateline, body paragraphs. */
/**
 * A first block of short lines ("Headline / By Ann Lee / March 3, 2024") is a head written
 * without blank lines: each line becomes its own paragraph. A hard-wrapped first paragraph
 * (ending like a sentence, no byline or date line) is left alone.
 */
function expandHeadBlock(text: string): string {
  const start = text.slice(0, 4000).replace(/\r\n?/g, '\n');
  const gap = /\n[ \t]*\n/.exec(start);
  if (!gap) return text;
  const lines = start
    .slice(0, gap.index)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 2 || lines.length > 6 || lines.some((l) => l.length > 120)) return text;
  if (matchDateline(lines[0]!)) return text;
  const marked = lines.some((l) => BYLINE_LINE.test(l) || DATE_LINE.test(l));
  if (!marked && /[.!?]["”’]?$/.test(lines[lines.length - 1]!)) return text;
  const full = text.replace(/\r\n?/g, '\n');
  return `${lines.join('\n\n')}${full.slice(full.indexOf('\n', gap.index))}`;
}

export function parsePlainText(raw: string): Article {
  const text = expandHeadBlock(raw.replace(/^\uFEFF/, ''));
  const paragraphs = splitParagraphs(
    text.includes('\n\n') || text.includes('\r\n\r\n') ? text : blankLines(text),
  )
    .map(tidySpacing)
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) throw new UnusableContentError('EMPTY', 'the object holds only whitespace');
  let bodyStart = -1;
  let dateline: string | undefined;
  const searchLimit = Math.min(paragraphs.length, 8);
  for (let i = 0; i < searchLimit; i++) {
    const d = matchDateline(paragraphs[i]!);
    if (d) {
      bodyStart = i;
      dateline = d;
      break;
    }
  }
  let head: string[] = [];
  let body = paragraphs;
  if (bodyStart > 0) {
    head = paragraphs.slice(0, bodyStart);
    body = paragraphs.slice(bodyStart);
  } else if (bodyStart < 0 && paragraphs.length >= 2) {
    // No dateline: leading short lines without a final full stop are the headline block.
    let k = 0;
    while (k < Math.min(paragraphs.length - 1, 4) && looksLikeHeadline(paragraphs[k]!)) k++;
    head = paragraphs.slice(0, k);
    body = paragraphs.slice(k);
  }
  const parts = classifyHead(head);
  return {
    format: 'text',
    ...(parts.title ? { title: parts.title } : {}),
    ...(parts.deck ? { deck: parts.deck } : {}),
    ...(parts.byline ? { byline: parts.byline } : {}),
    ...(parts.published ? { published: parts.published } : {}),
    ...(parts.outlet ? { outlet: parts.outlet } : {}),
    ...(parts.section ? { section: parts.section } : {}),
    ...(dateline ? { dateline } : {}),
    body: body.map(squeeze).join('\n\n'),
  };
}

/** Text without blank lines: every line is its own paragraph. */
function blankLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n/g, '\n\n');
}
