import { Readability } from '@mozilla/readability';
import JSDOMParser from '@mozilla/readability/JSDOMParser.js';
import { type DomNode, type ElementNode, walk } from './dom.ts';

/**
 * A second extractor for pages where our own extraction looks weak: Readability.js (Mozilla's
 * reader view), run on a document built from the page's already-parsed tree (what never shows
 * text and the page furniture already left out) with the small DOM that ships with it
 * (JSDOMParser), so the page is not parsed twice and no browser DOM library is loaded. Readability's cost grows faster than the page's size with nesting depth, so it only
 * runs within the bounds below; outside them there is no second opinion.
 */

/**
 * Pages deeper than `maxDepth`, with more elements than `maxElements` or more text than
 * `maxTextChars` get no second opinion (Readability slows down badly). `minChars` is the length Readability accepts at its first,
 * strictest attempt: below its default (500) a short article is taken as found, instead of
 * retrying without its filter of unlikely candidates, which lets comment threads in (on the
 * development pages its reading scores F1 0.9591 at 500, 0.9670 at 250, 0.9585 at 100).
 */
export const SECOND_OPINION_LIMITS = {
  maxDepth: 80,
  maxElements: 15_000,
  maxTextChars: 2_000_000,
  minChars: 250,
} as const;

/** Elements Readability never needs: they hold no visible text. */
const SKIP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'head',
  'link',
  'meta',
  'base',
  'title',
]);

interface JsNode {
  readonly nodeType: number;
  readonly localName?: string;
  readonly childNodes: JsNode[];
  readonly textContent: string;
  appendChild(child: JsNode): void;
  setAttribute(name: string, value: string): void;
}

interface JsDocument {
  readonly body: JsNode;
  createElement(tag: string): JsNode;
  createTextNode(text: string): JsNode;
}

/** Depth, element count and text length of a tree, without recursion. */
export function treeShape(root: ElementNode): { depth: number; elements: number; textChars: number } {
  let depth = 0;
  let max = 0;
  let elements = 0;
  let textChars = 0;
  walk(
    root,
    (n) => {
      if (n.kind === 'text') textChars += n.text.length;
      else {
        elements++;
        depth++;
        if (depth > max) max = depth;
      }
      return true;
    },
    (el) => {
      if (el !== root) depth--;
    },
  );
  return { depth: max, elements, textChars };
}

const ATTRIBUTE_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]{0,60}$/;

/** Readability's document, from the `<body>` of our tree. */
function toReadabilityDocument(body: ElementNode): JsDocument {
  const doc = new JSDOMParser().parse(
    '<html><head></head><body></body></html>',
    'http://localhost/',
  ) as unknown as JsDocument;
  const targets = new Map<ElementNode, JsNode>([[body, doc.body]]);
  walk(body, (n: DomNode) => {
    const parent = n.parent ? targets.get(n.parent) : undefined;
    if (!parent) return false;
    if (n.kind === 'text') {
      parent.appendChild(doc.createTextNode(n.text));
      return true;
    }
    if (SKIP.has(n.tag) || n.tag.startsWith('#')) return false;
    const el = doc.createElement(n.tag);
    for (const name in n.attrs) if (ATTRIBUTE_NAME.test(name)) el.setAttribute(name, n.attrs[name]!);
    parent.appendChild(el);
    targets.set(n, el);
    return true;
  });
  return doc;
}

/** Readability's article back in our tree, so that its paragraphs are cut as ours are. */
function fromReadabilityNode(node: JsNode): ElementNode {
  const root: ElementNode = { kind: 'element', tag: 'div', attrs: {}, children: [], parent: null };
  const stack: { from: JsNode; to: ElementNode }[] = [{ from: node, to: root }];
  while (stack.length > 0) {
    const { from, to } = stack.pop()!;
    for (const child of from.childNodes) {
      if (child.nodeType === 3) to.children.push({ kind: 'text', text: child.textContent, parent: to });
      else if (child.nodeType === 1 && child.localName) {
        const el: ElementNode = {
          kind: 'element',
          tag: child.localName,
          attrs: {},
          children: [],
          parent: to,
        };
        to.children.push(el);
        stack.push({ from: child, to: el });
      }
    }
  }
  return root;
}

/**
 * Readability's reading of the page as a tree of its article's blocks, or undefined when it finds
 * no article, the page is beyond the limits, or it fails.
 */
export function readabilityArticle(body: ElementNode): ElementNode | undefined {
  const shape = treeShape(body);
  if (
    shape.depth > SECOND_OPINION_LIMITS.maxDepth ||
    shape.elements > SECOND_OPINION_LIMITS.maxElements ||
    shape.textChars > SECOND_OPINION_LIMITS.maxTextChars
  )
    return undefined;
  try {
    const doc = toReadabilityDocument(body);
    const reader = new Readability<JsNode>(doc as never, {
      disableJSONLD: true,
      maxElemsToParse: SECOND_OPINION_LIMITS.maxElements,
      charThreshold: SECOND_OPINION_LIMITS.minChars,
      serializer: (el) => el as unknown as JsNode,
    });
    const article = reader.parse();
    return article?.content ? fromReadabilityNode(article.content) : undefined;
  } catch {
    return undefined;
  }
}
