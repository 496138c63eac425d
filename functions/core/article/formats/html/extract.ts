import { type DomNode, type ElementNode, textContent, walk } from './dom.ts';

/**
 * Main-content extraction for article web pages. Linear passes over an inert tree:
 * 1. drop elements that never hold article text (scripts, forms, media, navigation, hidden nodes);
 * 2. drop boilerplate containers recognised by their class or id (share bars, related links,
 *    comments, newsletters, captions, ads) unless they hold most of the page's prose;
 * 3. weigh every block by the prose it holds (text outside links, in blocks long enough to be
 *    sentences) and descend from <body> into the child that holds nearly all of it;
 * 4. emit that container's blocks as paragraphs, skipping link lists and stock phrases.
 */

/** Elements that never show article text: removed first, whatever they hold. */
const NEVER_TEXT_TAGS = new Set([
  'script',
  'style',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'source',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'label',
  'head',
  'link',
  'meta',
  'title',
  'base',
  'map',
  'area',
  'track',
  'wbr',
  'hr',
]);

/**
 * Elements that hold page furniture rather than the article (navigation, asides, footers,
 * captions, dialogs, forms, the headline), removed unless one wraps most of the page's prose:
 * some sites wrap the whole page in a `<form>`, or hide it (`aria-hidden`) behind a dialog.
 */
const FURNITURE_TAGS = new Set([
  'noscript',
  'nav',
  'aside',
  'footer',
  'figcaption',
  'dialog',
  'menu',
  'h1',
  'form',
]);

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'ul',
  'br',
  'caption',
  '#root',
  'html',
  'article',
]);

/** Class or id words that mark boilerplate containers. */
const NEGATIVE_WORDS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'advertisement',
  'advertising',
  'banner',
  'breadcrumb',
  'breadcrumbs',
  'byline',
  'caption',
  'comment',
  'comments',
  'community',
  'cookie',
  'cookies',
  'disqus',
  'footer',
  'gdpr',
  'masthead',
  'menu',
  'modal',
  'nav',
  'navbar',
  'navigation',
  'newsletter',
  'outbrain',
  'taboola',
  'pagination',
  'pager',
  'popup',
  'promo',
  'promotion',
  'recommended',
  'recommendations',
  'related',
  'share',
  'sharing',
  'sharebar',
  'sidebar',
  'skyscraper',
  'social',
  'sponsor',
  'sponsored',
  'subscribe',
  'subscription',
  'tags',
  'toolbar',
  'trending',
  'widget',
  'signup',
  'paywall',
  'bio',
  'credit',
  'credits',
  'dateline',
  'meta',
  'author',
  'more',
  'newsletters',
  'popular',
  'sharethis',
  'addthis',
  'jp',
  'rail',
  'tooltip',
  'hidden',
  'sr',
  'print',
  'login',
  'correction',
  'disclaimer',
  'copyright',
  'legal',
  'cta',
  'timestamp',
  'date',
  'photo',
  'gallery',
  'video',
  'player',
  'headline',
  'kicker',
  'image',
  'img',
  'figure',
  'thumbnail',
  'thumb',
  'wp',
  'crumb',
  'crumbs',
  'sticky',
  'overlay',
  'header',
]);

const NEGATIVE_PREFIXES = [
  'advert',
  'comment',
  'share',
  'social',
  'sponsor',
  'subscri',
  'newsletter',
  'related',
  'promo',
  'recommend',
  'outbrain',
  'taboola',
  'sidebar',
  'breadcrumb',
  'sharedaddy',
  'disqus',
  'byline',
  'caption',
  'footer',
];

const POSITIVE_WORDS = new Set([
  'article',
  'body',
  'content',
  'entry',
  'main',
  'post',
  'story',
  'text',
  'blog',
  'prose',
]);

const BOILERPLATE_LINE =
  /^(?:advertisement|advertising|like this (?:story|article)|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: below)?|read more|read next|related(?: stories| articles| coverage| content)?|share (?:this|on)\b|follow us|sign up|subscribe|click here|watch:|video:|image:|photo:|getty images|©|copyright|all rights reserved|recommended|more from|you may also like|trending)/i;

interface Block {
  text: string;
  linkChars: number;
  tag: string;
  /** Inside a list item (teaser lists, menus) rather than running text. */
  inListItem: boolean;
}

/** Words of class, id and role values already split (pages repeat the same few hundred). */
const CLASS_WORDS = new Map<string, readonly string[]>();
const NO_WORDS: readonly string[] = [];

function classWords(el: ElementNode): readonly string[] {
  const { class: cls, id, role } = el.attrs;
  if (cls === undefined && id === undefined && role === undefined) return NO_WORDS;
  const raw = `${cls ?? ''} ${id ?? ''} ${role ?? ''}`;
  let words = CLASS_WORDS.get(raw);
  if (!words) {
    words = splitClassWords(raw);
    if (CLASS_WORDS.size >= 20_000) CLASS_WORDS.clear();
    CLASS_WORDS.set(raw, words);
  }
  return words;
}

function splitClassWords(raw: string): string[] {
  if (raw.trim() === '' || raw.length > 2000) return [];
  // Split on punctuation, and proper camelCase words ("videoPromoList" -> video promo list);
  // generated class names ("hJpRRP") stay whole.
  // State modifiers ("has-image", "with-sidebar", "no-comments") say what a container holds
  // or lacks, not what it is: such class names are left out.
  const out: string[] = [];
  const names = raw
    .split(/\s+/)
    .filter((c) => !/(?:^|[-_])(?:has|with|no|is|show|hide|enable|disable)[-_]/i.test(c));
  for (const token of names.join(' ').split(/[^A-Za-z0-9]+/)) {
    if (token.length === 0) continue;
    if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]{2,})+$/.test(token)) {
      for (const part of token.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ')) out.push(part.toLowerCase());
    } else out.push(token.toLowerCase());
  }
  return out;
}

/** Hidden elements, and dialogs (consent and login overlays) that cover the page. */
function isHiddenOrOverlay(el: ElementNode): boolean {
  if (el.attrs.hidden !== undefined) return true;
  const role = el.attrs.role;
  if (role === 'dialog' || role === 'alertdialog' || el.attrs['aria-modal'] === 'true') return true;
  if (el.attrs['aria-hidden'] === 'true') return true;
  const style = el.attrs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

function negativeScore(el: ElementNode): number {
  const words = classWords(el);
  if (words.length === 0) return 0;
  const role = el.attrs.role?.toLowerCase();
  if (role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'banner')
    return 2;
  let neg = 0;
  let pos = 0;
  for (const w of words) {
    if (NEGATIVE_WORDS.has(w) || NEGATIVE_PREFIXES.some((p) => w.startsWith(p))) neg++;
    else if (POSITIVE_WORDS.has(w)) pos++;
  }
  if (neg === 0) return 0;
  return pos > 0 ? 1 : 2;
}

function squeezeLen(s: string): number {
  let n = 0;
  let inSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (space) {
      if (!inSpace) n++;
      inSpace = true;
    } else {
      n++;
      inSpace = false;
    }
  }
  return n;
}

/** Collects the blocks of a subtree: text between block boundaries, with its link-text share. */
function collectBlocks(
  root: ElementNode,
  onBlock: (b: Block, owner: ElementNode) => void,
  skip?: ReadonlySet<DomNode>,
): void {
  let buf: string[] = [];
  let linkChars = 0;
  let linkDepth = 0;
  let liDepth = 0;
  const owners: ElementNode[] = [root];
  const flush = () => {
    if (buf.length === 0) return;
    const text = buf.join('').replace(/\s+/g, ' ').trim();
    const owner = owners[owners.length - 1]!;
    if (text.length > 0)
      onBlock({ text, linkChars, tag: owner.tag, inListItem: liDepth > (owner.tag === 'li' ? 1 : 0) }, owner);
    buf = [];
    linkChars = 0;
  };
  walk(
    root,
    (n) => {
      if (n.kind === 'text') {
        buf.push(n.text);
        if (linkDepth > 0) linkChars += squeezeLen(n.text);
        return true;
      }
      if (skip?.has(n)) return false;
      if (n.tag === 'a') linkDepth++;
      if (n.tag === 'li') liDepth++;
      if (BLOCK_TAGS.has(n.tag)) {
        flush();
        if (n.tag === 'br') {
          return false;
        }
        owners.push(n);
      }
      return true;
    },
    (el) => {
      if (el.tag === 'a') linkDepth--;
      if (el.tag === 'li') liDepth--;
      if (BLOCK_TAGS.has(el.tag) && el.tag !== 'br' && el !== root) {
        flush();
        owners.pop();
      }
    },
  );
  flush();
}

/** A short block that is mostly one link of four words or more: a headline linking elsewhere. */
function isHeadlineLink(b: Block): boolean {
  const len = b.text.length;
  if (len >= 200 || b.linkChars <= 0.6 * len) return false;
  // Four words or more: three spaces (the text is squeezed).
  let spaces = 0;
  for (let i = b.text.indexOf(' '); i >= 0 && spaces < 3; i = b.text.indexOf(' ', i + 1)) spaces++;
  return spaces >= 3;
}

function looksLikeProse(b: Block): boolean {
  const len = b.text.length;
  if (len < 40) return false;
  const linkShare = b.linkChars / len;
  return linkShare < 0.4;
}

/** Prose of a subtree, summed per element as blocks are read. */
interface ProseMaps {
  /** Weight of prose per element, summed over its subtree. */
  readonly weights: Map<ElementNode, number>;
  /** Blocks of running text (prose that is no teaser), summed over each subtree. */
  readonly running: Map<ElementNode, number>;
  /** Prose characters per element (unweighted), summed over its subtree. */
  readonly chars: Map<ElementNode, number>;
  /** Elements of the subtree. */
  elements: number;
}

function proseWeights(root: ElementNode, params: ExtractParams, maps: ProseMaps): void {
  const { weights, running, chars } = maps;
  weights.clear();
  running.clear();
  chars.clear();
  maps.elements = 0;
  let afterHeadlineLink = false;
  collectBlocks(root, (b, owner) => {
    const follows = afterHeadlineLink;
    afterHeadlineLink = isHeadlineLink(b);
    if (!looksLikeProse(b)) return;
    let w = b.text.length - b.linkChars;
    chars.set(owner, (chars.get(owner) ?? 0) + w);
    if (owner.tag === 'p') w *= 1.5;
    // Teasers (in a list, or under a headline link) weigh less than running text.
    if (b.inListItem || follows) w *= params.listItemWeight;
    else running.set(owner, (running.get(owner) ?? 0) + 1);
    weights.set(owner, (weights.get(owner) ?? 0) + w);
  });
  // Propagate to ancestors: post-order sum.
  walk(
    root,
    () => true,
    (el) => {
      maps.elements++;
      const w = weights.get(el);
      if (w && el.parent) weights.set(el.parent, (weights.get(el.parent) ?? 0) + w);
      const n = running.get(el);
      if (n && el.parent) running.set(el.parent, (running.get(el.parent) ?? 0) + n);
      const c = chars.get(el);
      if (c && el.parent) chars.set(el.parent, (chars.get(el.parent) ?? 0) + c);
    },
  );
}

/** The tunable constants of body extraction (fitted on development pages, see `eval html --cv`). */
export interface ExtractParams {
  /** Descend into a child when it holds at least this share of its parent's prose. */
  readonly descendShare: number;
  /** Prose inside list items (teaser lists) weighs this much when locating the article. */
  readonly listItemWeight: number;
  /** A plainly boilerplate-classed container is kept only when it holds more than this share of the prose. */
  readonly negLimit: number;
  /** The same, for a container whose class also says article, body, content, story... */
  readonly negLimitPositive: number;
  /** A furniture element (form, aside, hidden...) holding more than this share of the prose is a wrapper, kept. */
  readonly wrapperShare: number;
  /**
   * Where no child holds `descendShare`, the descent still enters the heaviest child when it
   * holds the page's headline (`<h1>`) and at least this share of the prose.
   */
  readonly headlineShare: number;
}

export const DEFAULT_EXTRACT_PARAMS: ExtractParams = {
  descendShare: 0.8,
  listItemWeight: 0.5,
  negLimit: 0.7,
  negLimitPositive: 0.25,
  wrapperShare: 0.5,
  headlineShare: 0.4,
};

export interface HtmlBody {
  readonly paragraphs: string[];
  /** Prose characters (outside links, in blocks long enough to be sentences) of the visible page. */
  readonly pageProse: number;
  /** Prose characters of the emitted paragraphs. */
  readonly bodyProse: number;
  /** Characters of the chosen container's text, and the share of them inside links. */
  readonly containerChars: number;
  readonly containerLinkShare: number;
  /** Links of the chosen container whose text reads like a headline (four words or more). */
  readonly headlineLinks: number;
  /** Emitted paragraphs that directly follow a headline link: teasers of an index page. */
  readonly teasers: number;
  /** The page's `<body>` without what never shows text and without its furniture. */
  readonly page: ElementNode;
}

/** Removes nodes from the tree, each parent's children filtered once (linear in the page). */
function removeAll(nodes: readonly DomNode[]): void {
  if (nodes.length === 0) return;
  const doomed = new Set<DomNode>(nodes);
  const parents = new Set<ElementNode>();
  for (const n of nodes) if (n.parent) parents.add(n.parent);
  for (const p of parents) {
    let j = 0;
    for (const c of p.children) if (!doomed.has(c)) p.children[j++] = c;
    p.children.length = j;
  }
  for (const n of nodes) n.parent = null;
}

/** Extracts the article body paragraphs from a parsed page (mutates the tree). */
export function extractBody(doc: ElementNode, params: ExtractParams = DEFAULT_EXTRACT_PARAMS): HtmlBody {
  const body = findBody(doc);
  // Pass 0: elements that never show article text.
  const invisible: DomNode[] = [];
  walk(body, (n) => {
    if (n.kind === 'element' && NEVER_TEXT_TAGS.has(n.tag)) {
      invisible.push(n);
      return false;
    }
    return true;
  });
  removeAll(invisible);
  // Prose weights of the visible page, kept up to date as containers are removed below.
  const maps: ProseMaps = { weights: new Map(), running: new Map(), chars: new Map(), elements: 0 };
  proseWeights(body, params, maps);
  const { weights, running, chars } = maps;
  // Removing a container subtracts its prose from its ancestors; past a budget linear in the
  // page's size (deeply nested removals), the weights are summed again instead.
  let budget = 8 * maps.elements + 1000;
  const detachAll = (nodes: readonly ElementNode[], remove: boolean): void => {
    let stale = false;
    for (const n of nodes) {
      const w = weights.get(n) ?? 0;
      const r = running.get(n) ?? 0;
      const c = chars.get(n) ?? 0;
      if (w === 0 && r === 0 && c === 0) continue;
      for (let a = n.parent; a && !stale; a = a.parent) {
        if (--budget < 0) stale = true;
        weights.set(a, (weights.get(a) ?? 0) - w);
        if (r) running.set(a, (running.get(a) ?? 0) - r);
        if (c) chars.set(a, (chars.get(a) ?? 0) - c);
      }
    }
    if (remove) removeAll(nodes);
    if (stale) {
      proseWeights(body, params, maps);
      budget = 8 * maps.elements + 1000;
    }
  };

  // The headline's containers, marked before the headline itself is removed.
  const headlineHolders = new Set<ElementNode>();
  walk(body, (n) => {
    if (n.kind !== 'element') return true;
    if (n.tag !== 'h1') return true;
    for (let p = n.parent; p && !headlineHolders.has(p); p = p.parent) headlineHolders.add(p);
    return false;
  });

  // Pass 1: page furniture and hidden elements, unless one wraps most of the prose.
  const wrapperLimit = params.wrapperShare * (weights.get(body) ?? 0);
  const furniture: ElementNode[] = [];
  walk(body, (n) => {
    if (n.kind !== 'element') return true;
    if (FURNITURE_TAGS.has(n.tag) || isHiddenOrOverlay(n)) {
      if ((weights.get(n) ?? 0) > wrapperLimit && n.tag !== 'h1') return true;
      furniture.push(n);
      return false;
    }
    return true;
  });
  detachAll(furniture, true);
  // The page's prose, outside its furniture: what an article reading is measured against.
  const pageProse = chars.get(body) ?? 0;

  // Pass 2: boilerplate containers, unless they hold most of the prose.
  const totalProse = weights.get(body) ?? 0;
  // An article split into several sibling containers of one class: the parts weigh together.
  const groups = new Map<ElementNode, Map<string, number>>();
  const groupWeight = (n: ElementNode): number => {
    const cls = n.attrs.class;
    const parent = n.parent;
    if (!cls || !parent) return weights.get(n) ?? 0;
    let sums = groups.get(parent);
    if (!sums) {
      sums = new Map();
      for (const c of parent.children)
        if (c.kind === 'element' && c.attrs.class) {
          const k = `${c.tag} ${c.attrs.class}`;
          sums.set(k, (sums.get(k) ?? 0) + (weights.get(c) ?? 0));
        }
      groups.set(parent, sums);
    }
    return sums.get(`${n.tag} ${cls}`) ?? 0;
  };
  const boilerplate: ElementNode[] = [];
  walk(body, (n) => {
    if (n.kind !== 'element') return true;
    if (n.tag === 'article' || n.tag === 'main' || n.tag === 'body') return true;
    const neg = negativeScore(n) + (n.tag === 'header' ? 1 : 0);
    if (neg === 0) return true;
    const w = groupWeight(n);
    const limit = neg >= 2 ? params.negLimit : params.negLimitPositive;
    if (w <= limit * totalProse) {
      boilerplate.push(n);
      return false;
    }
    return true;
  });
  // Boilerplate is only set aside: the tree keeps the page as it stands after pass 1, for a
  // second opinion to read.
  const dropped = new Set<DomNode>(boilerplate);
  detachAll(boilerplate, false);

  // Pass 3: descend from <body> into the child holding nearly all the prose.
  let cur = body;
  for (;;) {
    const curW = weights.get(cur) ?? 0;
    if (curW <= 0) break;
    let best: ElementNode | undefined;
    let bestW = 0;
    for (const c of cur.children) {
      if (c.kind !== 'element' || dropped.has(c)) continue;
      const w = weights.get(c) ?? 0;
      if (w > bestW) {
        bestW = w;
        best = c;
      }
    }
    if (!best) break;
    if (bestW < params.descendShare * curW) {
      // The headline's container is the article when the prose around it is no running text
      // (teasers, a footer note): no other child holds two paragraphs of running text.
      const chosen = best;
      const alone = cur.children.every(
        (c) => c === chosen || c.kind !== 'element' || dropped.has(c) || (running.get(c) ?? 0) < 2,
      );
      if (!(alone && headlineHolders.has(best) && bestW >= params.headlineShare * curW)) break;
    }
    cur = best;
  }

  // Pass 4: emit paragraphs.
  const blocks: { block: Block; owner: ElementNode }[] = [];
  let containerChars = 0;
  let containerLinks = 0;
  collectBlocks(
    cur,
    (block, owner) => {
      blocks.push({ block, owner });
      containerChars += block.text.length;
      containerLinks += block.linkChars;
    },
    dropped,
  );
  let headlineLinks = 0;
  walk(cur, (n) => {
    if (n.kind !== 'element' || dropped.has(n)) return false;
    if (n.tag !== 'a') return true;
    if (textContent(n).trim().split(/\s+/).length >= 4) headlineLinks++;
    return false;
  });
  // Lists of short items that are mostly links are link lists ("More stories"), even when
  // every item also carries a few words of plain text.
  const lists = new Map<ElementNode, { chars: number; links: number; items: number }>();
  for (const { block, owner } of blocks) {
    if (owner.tag !== 'li' || !owner.parent) continue;
    const s = lists.get(owner.parent) ?? { chars: 0, links: 0, items: 0 };
    s.chars += block.text.length;
    s.links += block.linkChars;
    s.items++;
    lists.set(owner.parent, s);
  }
  const linkList = (owner: ElementNode): boolean => {
    const s = owner.tag === 'li' && owner.parent ? lists.get(owner.parent) : undefined;
    return !!s && s.items >= 2 && s.links >= 0.35 * s.chars && s.chars / s.items < 160;
  };
  const paragraphs: string[] = [];
  let headingTail = 0;
  let bodyProse = 0;
  let teasers = 0;
  let afterHeadlineLink = false;
  for (const { block: b, owner } of blocks) {
    const len = b.text.length;
    if (len === 0) continue;
    const linkShare = b.linkChars / len;
    const follows = afterHeadlineLink;
    afterHeadlineLink = isHeadlineLink(b);
    if (linkShare > 0.6 && len < 400) continue;
    if (linkList(owner)) continue;
    if (len < 120 && BOILERPLATE_LINE.test(b.text)) continue;
    if (b.text.startsWith('<') && /^<[a-z][^<>]*>$/i.test(b.text)) continue;
    paragraphs.push(b.text);
    if (looksLikeProse(b)) {
      bodyProse += len - b.linkChars;
      if (follows) teasers++;
    }
    const headingLike =
      /^h[2-6]$/.test(b.tag) || (len < 80 && classWords(owner).some((w) => w.startsWith('heading')));
    headingTail = headingLike ? headingTail + 1 : 0;
  }
  // A heading with nothing after it introduces a widget, not article text.
  if (headingTail > 0) paragraphs.splice(paragraphs.length - headingTail, headingTail);
  return {
    paragraphs,
    pageProse,
    bodyProse,
    containerChars,
    containerLinkShare: containerChars > 0 ? containerLinks / containerChars : 0,
    headlineLinks,
    teasers,
    page: body,
  };
}

/** Paragraphs of another reading, with the stock lines and stray markup ours leaves out removed. */
export function tidyParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.filter(
    (p) =>
      p.length > 0 &&
      !(p.length < 120 && BOILERPLATE_LINE.test(p)) &&
      !(p.startsWith('<') && /^<[a-z][^<>]*>$/i.test(p)),
  );
}

function findBody(doc: ElementNode): ElementNode {
  let body: ElementNode | undefined;
  walk(doc, (n) => {
    if (body) return false;
    if (n.kind === 'element' && n.tag === 'body') {
      body = n;
      return false;
    }
    return true;
  });
  return body ?? doc;
}

/** Every block of a subtree as a paragraph, scripts and styles left out. */
export function paragraphsOf(root: ElementNode): string[] {
  const doomed: DomNode[] = [];
  walk(root, (n) => {
    if (n.kind === 'element' && (n.tag === 'script' || n.tag === 'style' || n.tag === 'template')) {
      doomed.push(n);
      return false;
    }
    return true;
  });
  removeAll(doomed);
  const out: string[] = [];
  collectBlocks(root, (b) => {
    out.push(b.text);
  });
  return out;
}
