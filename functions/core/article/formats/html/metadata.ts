import { clean, normalizeDate, squeeze } from '../../text-util.ts';
import { type ElementNode, textContent, walk } from './dom.ts';

/** Metadata read from a page before any cleaning: JSON-LD, OpenGraph, meta tags, <time>, <h1>. */
export interface HtmlMetadata {
  title?: string;
  byline?: string;
  published?: string;
  modified?: string;
  outlet?: string;
  url?: string;
  language?: string;
  section?: string;
  deck?: string;
  ldArticleBody?: string;
  /** What the page declares itself to be (JSON-LD type, `og:type`), when it says. */
  declaredKind?: 'article' | 'index';
}

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|Scholarly|Tech|Social|Ask|Back)?(?:Article|NewsArticle|BlogPosting|Report|LiveBlogPosting|Posting)$/i;

type Json = Record<string, unknown>;

function asObjects(value: unknown, out: Json[], budget: { n: number }): void {
  // Iterative flatten of arrays and @graph, bounded.
  const stack: unknown[] = [value];
  while (stack.length > 0 && budget.n-- > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      out.push(o);
      if (Array.isArray(o['@graph'])) stack.push(o['@graph']);
      if (o.mainEntity && typeof o.mainEntity === 'object') stack.push(o.mainEntity);
    }
  }
}

function typeMatches(o: Json): boolean {
  const t = o['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x));
}

const INDEX_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|WebSite)$/;

function isIndexType(o: Json): boolean {
  const t = o['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && INDEX_TYPES.test(x));
}

function names(value: unknown): string[] {
  const out: string[] = [];
  const list = Array.isArray(value) ? value : [value];
  for (const v of list.slice(0, 20)) {
    if (typeof v === 'string') {
      const s = clean(v);
      if (s) out.push(s);
    } else if (v && typeof v === 'object') {
      const n = clean((v as Json).name);
      if (n) out.push(n);
    }
  }
  return out;
}

function isUrlLike(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** Site-name suffixes and prefixes in a <title>: "Headline | Site", "Headline - Site". */
function stripSiteName(title: string, site?: string): string {
  const parts = title.split(/\s+[|\u2013\u2014\u00bb\u00b7:-]\s+/);
  if (parts.length < 2) return title;
  if (site) {
    const s = site.toLowerCase();
    const kept = parts.filter((p) => p.toLowerCase() !== s && !s.includes(p.toLowerCase()));
    if (kept.length > 0 && kept.length < parts.length) return kept.join(' - ');
  }
  // Keep the longest part when one clearly dominates.
  let best = parts[0]!;
  for (const p of parts) if (p.length > best.length) best = p;
  return best.split(/\s+/).length >= 4 ? best : title;
}

function tokens(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = new Set(tokens(b));
  if (ta.length === 0 || tb.size === 0) return 0;
  let hit = 0;
  for (const t of ta) if (tb.has(t)) hit++;
  return hit / Math.max(ta.length, tb.size);
}

/** The first usable date: placeholders such as 0001-01-01 are skipped. */
function firstDate(candidates: (string | undefined)[]): string | undefined {
  for (const c of candidates) {
    const d = normalizeDate(c);
    if (!d) continue;
    const year = /^(\d{4})-/.exec(d)?.[1];
    if (year && (Number(year) < 1900 || Number(year) > 2200)) continue;
    return d;
  }
  return undefined;
}

/** A byline from visible author marks: "By Jane Roe | May 3" -> "Jane Roe". */
function visibleByline(candidates: readonly string[]): string | undefined {
  for (const raw of candidates) {
    const t = raw
      .replace(/^(?:written |posted |words )?by[:\s]+/i, '')
      .split(
        /\s+[|\u00b7\u2022]\s+|\s+-\s+(?=\d)|,?\s+(?:updated|published|posted|on)\b|,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d|,?\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/i,
      )[0]!
      .trim();
    if (
      t.length >= 3 &&
      t.length <= 80 &&
      /\p{Lu}/u.test(t) &&
      t.split(/\s+/).length <= 8 &&
      !/https?:|@\w+\./.test(t)
    )
      return t;
  }
  return undefined;
}

export function readMetadata(doc: ElementNode): HtmlMetadata {
  const meta = new Map<string, string>();
  const ld: Json[] = [];
  const h1s: string[] = [];
  const times: string[] = [];
  const visibleAuthors: string[] = [];
  let canonical: string | undefined;
  let lang: string | undefined;
  let docTitle: string | undefined;
  const budget = { n: 5000 };
  walk(doc, (n) => {
    if (n.kind !== 'element') return true;
    switch (n.tag) {
      case 'html':
        lang = clean(n.attrs.lang ?? n.attrs['xml:lang']);
        return true;
      case 'meta': {
        const key = (
          n.attrs.property ??
          n.attrs.name ??
          n.attrs.itemprop ??
          n.attrs['http-equiv']
        )?.toLowerCase();
        const content = n.attrs.content;
        if (key && content !== undefined && !meta.has(key)) {
          const v = clean(content);
          if (v) meta.set(key, v);
        }
        return false;
      }
      case 'link':
        if ((n.attrs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && !canonical)
          canonical = clean(n.attrs.href);
        return false;
      case 'title':
        if (!docTitle) docTitle = clean(textContent(n));
        return false;
      case 'script':
        if ((n.attrs.type ?? '').toLowerCase().includes('ld+json')) {
          const raw = textContent(n).trim();
          if (raw.length > 0 && raw.length < 2_000_000) {
            try {
              asObjects(JSON.parse(raw), ld, budget);
            } catch {
              // Malformed JSON-LD is common; ignore it.
            }
          }
        }
        return false;
      case 'h1': {
        const t = clean(textContent(n));
        if (t && h1s.length < 10) h1s.push(t);
        return false;
      }
      case 'time': {
        const dt = clean(n.attrs.datetime);
        if (dt && times.length < 10) times.push(dt);
        return true;
      }
      default: {
        // Visible author marks: itemprop=author, rel=author, a byline or author-name class.
        if (visibleAuthors.length < 5) {
          const cls = `${n.attrs.class ?? ''}`.toLowerCase();
          if (
            n.attrs.itemprop === 'author' ||
            (n.tag === 'a' && (n.attrs.rel ?? '').toLowerCase().split(/\s+/).includes('author')) ||
            /(?:^|[\s_-])(?:byline|author-?name|author)(?:$|[\s_-])/.test(cls)
          ) {
            const t = clean(textContent(n));
            if (t && t.length <= 300) visibleAuthors.push(t);
          }
        }
        if (n.attrs.itemprop === 'datePublished' && n.attrs.content) times.unshift(n.attrs.content);
        return true;
      }
    }
  });

  const article = ld.find(typeMatches);
  const get = (k: string): string | undefined => meta.get(k);
  const out: HtmlMetadata = {};

  const site =
    get('og:site_name') ??
    (article ? names(article.publisher)[0] : undefined) ??
    get('application-name') ??
    get('twitter:site')?.replace(/^@/, '');
  if (site) out.outlet = site;

  // Headline: the <h1> that agrees with a declared title wins; else declared titles; else <title>.
  const declared = [
    article ? clean(article.headline) : undefined,
    get('og:title'),
    get('twitter:title'),
    get('sailthru.title'),
    get('parsely-title'),
    get('dc.title'),
    get('title'),
  ].filter((x): x is string => !!x);
  let title: string | undefined;
  for (const h of h1s) {
    if (declared.some((d) => similarity(h, d) >= 0.6) || (docTitle && similarity(h, docTitle) >= 0.5)) {
      title = h;
      break;
    }
  }
  if (!title) {
    // A visible <h1> that is not the site's name (a masthead) is the page's own headline.
    const siteNames = [site, docTitle && docTitle !== stripSiteName(docTitle, site) ? docTitle : undefined]
      .filter((x): x is string => !!x)
      .map((x) => x.toLowerCase());
    title = h1s.find(
      (h) =>
        h.split(/\s+/).length >= 3 &&
        !siteNames.some(
          (n) =>
            n === h.toLowerCase() ||
            (n.includes(h.toLowerCase()) && !declared.some((d) => similarity(h, d) >= 0.6)),
        ),
    );
    if (title && docTitle && site && similarity(title, site) >= 0.6) title = undefined;
  }
  if (!title && declared[0]) title = stripSiteName(declared[0], site);
  if (!title && h1s.length === 1) title = h1s[0];
  if (!title && docTitle) title = stripSiteName(docTitle, site);
  if (title) out.title = squeeze(title);

  const deck =
    get('og:description') ?? get('description') ?? (article ? clean(article.description) : undefined);
  if (deck) out.deck = deck;

  const authors = article ? names(article.author).filter((a) => !isUrlLike(a)) : [];
  const metaAuthor = [
    get('author'),
    get('article:author'),
    get('byl'),
    get('dc.creator'),
    get('sailthru.author'),
    get('parsely-author'),
  ].filter((x): x is string => !!x && !isUrlLike(x));
  const byline = authors.length > 0 ? authors.join(', ') : (metaAuthor[0] ?? visibleByline(visibleAuthors));
  if (byline) out.byline = byline.replace(/^by\s+/i, '');

  const pub = firstDate([
    article ? clean(article.datePublished) : undefined,
    get('article:published_time'),
    get('og:article:published_time'),
    get('datepublished'),
    get('pubdate'),
    get('publishdate'),
    get('date'),
    get('dc.date'),
    get('dc.date.issued'),
    get('sailthru.date'),
    get('parsely-pub-date'),
    ...times,
  ]);
  if (pub) out.published = pub;
  const modified =
    (article ? clean(article.dateModified) : undefined) ??
    get('article:modified_time') ??
    get('og:updated_time');
  const mod = normalizeDate(modified);
  if (mod) out.modified = mod;

  const mainEntity = article?.mainEntityOfPage;
  const ldUrl =
    typeof mainEntity === 'string'
      ? mainEntity
      : mainEntity && typeof mainEntity === 'object'
        ? clean((mainEntity as Json)['@id'])
        : undefined;
  const url = canonical ?? get('og:url') ?? (article ? clean(article.url) : undefined) ?? ldUrl;
  if (url && isUrlLike(url)) out.url = url;

  const language =
    lang ?? get('og:locale') ?? get('content-language') ?? (article ? clean(article.inLanguage) : undefined);
  if (language) out.language = language.replace('_', '-');

  const section =
    get('article:section') ?? (article ? names(article.articleSection)[0] : undefined) ?? get('section');
  if (section) out.section = section;

  if (article && typeof article.articleBody === 'string') out.ldArticleBody = article.articleBody;
  const ogType = get('og:type')?.toLowerCase();
  if (article || ogType === 'article' || ogType?.endsWith(':article')) out.declaredKind = 'article';
  else if (ogType === 'website' || ld.some(isIndexType)) out.declaredKind = 'index';
  return out;
}
