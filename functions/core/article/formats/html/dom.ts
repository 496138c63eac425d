import { Tokenizer } from 'htmlparser2';

/** A minimal, inert document tree: no script runs, nothing is fetched. */
export interface ElementNode {
  readonly kind: 'element';
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly children: DomNode[];
  parent: ElementNode | null;
}

export interface TextNode {
  readonly kind: 'text';
  text: string;
  parent: ElementNode | null;
}

export type DomNode = ElementNode | TextNode;

export interface ParseOptions {
  readonly xml?: boolean;
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const P_CLOSERS = [
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
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
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
];

/** Which open element an opening tag closes implicitly (the open element must be the current one). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.map((t): [string, Set<string>] => [t, new Set(['p'])]),
  ['li', new Set(['li'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th', 'td'])],
  ['td', new Set(['th', 'td'])],
  ['tbody', new Set(['thead', 'tbody', 'tr', 'td', 'th'])],
  ['tfoot', new Set(['thead', 'tbody', 'tr', 'td', 'th'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['body', new Set(['head', 'link', 'script'])],
]);

/**
 * The attributes an HTML page is read by (metadata, visibility, class words, links, and what
 * Readability.js looks at); the others (data-*, srcset, event handlers...) are not kept. XML
 * keeps every attribute.
 */
const HTML_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'href',
  'rel',
  'itemprop',
  'content',
  'property',
  'name',
  'http-equiv',
  'charset',
  'type',
  'lang',
  'xml:lang',
  'datetime',
  'dir',
]);

/**
 * Parses markup into a tree. htmlparser2's tokenizer reads the characters (entities, raw text of
 * script and style, comments, CDATA); the tree is built here with an array stack and per-name
 * open counts, so every operation is O(1) amortised: a page with 100,000 nested tags or stray
 * end tags costs linear time and constant call depth.
 */
export function parseMarkup(markup: string, options: ParseOptions = {}): ElementNode {
  const xml = options.xml === true;
  const root: ElementNode = { kind: 'element', tag: '#root', attrs: {}, children: [], parent: null };
  const stack: ElementNode[] = [root];
  const open = new Map<string, number>();
  let lastText: TextNode | null = null;
  let pendingName = '';
  // Elements without attributes share one frozen empty record (fewer allocations on huge pages).
  const NO_ATTRS = Object.freeze(Object.create(null)) as Record<string, string>;
  let pendingAttrs = NO_ATTRS;
  let attrName = '';
  let attrValue = '';
  let keepAttr = false;
  let foreign = 0;

  const top = (): ElementNode => stack[stack.length - 1]!;
  const pop = (): void => {
    if (stack.length <= 1) return;
    const el = stack.pop()!;
    open.set(el.tag, (open.get(el.tag) ?? 1) - 1);
    if (!xml && (el.tag === 'svg' || el.tag === 'math')) foreign--;
    lastText = null;
  };
  const addText = (data: string): void => {
    if (data.length === 0) return;
    const parent = top();
    if (lastText && lastText.parent === parent) {
      lastText.text += data;
      return;
    }
    const t: TextNode = { kind: 'text', text: data, parent };
    parent.children.push(t);
    lastText = t;
  };
  const openElement = (selfClosing: boolean): void => {
    const name = pendingName;
    if (!name) return;
    pendingName = '';
    if (!xml) {
      const closes = IMPLIES_CLOSE.get(name);
      while (closes && stack.length > 1 && closes.has(top().tag)) pop();
    }
    const parent = top();
    const el: ElementNode = { kind: 'element', tag: name, attrs: pendingAttrs, children: [], parent };
    pendingAttrs = NO_ATTRS;
    parent.children.push(el);
    lastText = null;
    const isVoid = !xml && VOID_ELEMENTS.has(name);
    if (isVoid || (selfClosing && (xml || foreign > 0))) return;
    stack.push(el);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (!xml && (name === 'svg' || name === 'math')) foreign++;
  };
  const nameOf = (start: number, end: number): string => {
    const n = markup.slice(start, end);
    return xml ? n : n.toLowerCase();
  };

  const tokenizer = new Tokenizer(
    { xmlMode: xml, decodeEntities: true, recognizeSelfClosing: xml },
    {
      onopentagname(start, end) {
        pendingName = nameOf(start, end);
        if (!xml && pendingName === 'image') pendingName = 'img';
      },
      onattribname(start, end) {
        attrName = nameOf(start, end);
        keepAttr = xml || HTML_ATTRIBUTES.has(attrName);
        if (keepAttr && pendingAttrs === NO_ATTRS)
          pendingAttrs = Object.create(null) as Record<string, string>;
        attrValue = '';
      },
      onattribdata(start, end) {
        if (keepAttr) attrValue += markup.slice(start, end);
      },
      onattribentity(cp) {
        if (keepAttr) attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (keepAttr && pendingName && pendingAttrs !== NO_ATTRS && !Object.hasOwn(pendingAttrs, attrName))
          pendingAttrs[attrName] = attrValue;
        attrValue = '';
      },
      onopentagend() {
        openElement(false);
      },
      onselfclosingtag() {
        openElement(true);
      },
      onclosetag(start, end) {
        const name = nameOf(start, end);
        if (!xml && VOID_ELEMENTS.has(name)) {
          if (name === 'br') {
            pendingName = 'br';
            openElement(false);
          }
          return;
        }
        if ((open.get(name) ?? 0) > 0) {
          while (stack.length > 1) {
            const tag = top().tag;
            pop();
            if (tag === name) break;
          }
        } else if (!xml && name === 'p') {
          pendingName = 'p';
          openElement(false);
          pop();
        }
      },
      ontext(start, end) {
        addText(markup.slice(start, end));
      },
      ontextentity(cp) {
        addText(String.fromCodePoint(cp));
      },
      oncdata(start, end, offset) {
        addText(markup.slice(start, end - offset));
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
      isInForeignContext() {
        return foreign > 0;
      },
    },
  );
  nativeFastForward(tokenizer);
  tokenizer.write(markup);
  tokenizer.end();
  return root;
}

interface ScanningTokenizer {
  index: number;
  offset: number;
  buffer: string;
  fastForwardTo(c: number): boolean;
}

/**
 * The tokenizer skips through script bodies, comments and attribute values by looking for one
 * character at a time in a loop; the same search by the engine's own `indexOf` gives the same
 * positions several times faster (script bodies are most of a news page's bytes).
 */
function nativeFastForward(tokenizer: Tokenizer): void {
  const t = tokenizer as unknown as ScanningTokenizer;
  if (typeof t.fastForwardTo !== 'function' || typeof t.index !== 'number' || typeof t.offset !== 'number')
    return;
  t.fastForwardTo = function fastForwardTo(this: ScanningTokenizer, c: number): boolean {
    const end = this.buffer.length + this.offset;
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
    if (at < 0) {
      this.index = end - 1;
      return false;
    }
    this.index = at + this.offset;
    return true;
  };
}

/** Visits every node in document order without recursion. */
export function walk(
  root: ElementNode,
  enter: (node: DomNode) => boolean | undefined,
  leave?: (el: ElementNode) => void,
): void {
  // Each frame: element and the index of the next child to visit.
  const stack: { el: ElementNode; i: number }[] = [{ el: root, i: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.el.children.length) {
      stack.pop();
      leave?.(frame.el);
      continue;
    }
    const child = frame.el.children[frame.i++]!;
    const descend = enter(child);
    if (child.kind === 'element' && descend !== false) stack.push({ el: child, i: 0 });
  }
}

/** All descendant elements, in document order, optionally filtered by tag name. */
export function elements(root: ElementNode, tag?: string | ((t: string) => boolean)): ElementNode[] {
  const out: ElementNode[] = [];
  walk(root, (n) => {
    if (n.kind === 'element' && (tag === undefined || (typeof tag === 'string' ? n.tag === tag : tag(n.tag))))
      out.push(n);
    return true;
  });
  return out;
}

/** Concatenated text of an element's descendants (no recursion). */
export function textContent(root: ElementNode): string {
  const parts: string[] = [];
  walk(root, (n) => {
    if (n.kind === 'text') parts.push(n.text);
    return true;
  });
  return parts.join('');
}

/** Local name of a possibly prefixed XML tag (`nitf:p` -> `p`). */
export function localName(tag: string): string {
  const i = tag.indexOf(':');
  return (i >= 0 ? tag.slice(i + 1) : tag).toLowerCase();
}

export function attr(el: ElementNode, name: string): string | undefined {
  const v = el.attrs[name];
  if (v !== undefined) return v;
  const lower = name.toLowerCase();
  for (const k of Object.keys(el.attrs)) if (localName(k) === lower) return el.attrs[k];
  return undefined;
}

export function firstChild(el: ElementNode, name: string): ElementNode | undefined {
  for (const c of el.children) if (c.kind === 'element' && localName(c.tag) === name) return c;
  return undefined;
}

export function childElements(el: ElementNode, name?: string): ElementNode[] {
  const out: ElementNode[] = [];
  for (const c of el.children)
    if (c.kind === 'element' && (name === undefined || localName(c.tag) === name)) out.push(c);
  return out;
}

/** First descendant (document order) with the given local name. */
export function findFirst(root: ElementNode, name: string): ElementNode | undefined {
  let found: ElementNode | undefined;
  walk(root, (n) => {
    if (found) return false;
    if (n.kind === 'element' && localName(n.tag) === name) {
      found = n;
      return false;
    }
    return true;
  });
  return found;
}

/** All descendants with the given local name. */
export function findAll(root: ElementNode, name: string): ElementNode[] {
  return elements(root, (t) => localName(t) === name);
}
