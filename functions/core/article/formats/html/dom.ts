import { Parser } from 'htmlparser2';

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

/**
 * Parses markup into a tree with an explicit stack (no recursion), so a page with tens of
 * thousands of nested tags costs linear time and constant call depth.
 */
export function parseMarkup(markup: string, options: ParseOptions = {}): ElementNode {
  const root: ElementNode = { kind: 'element', tag: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  let lastText: TextNode | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: ElementNode = { kind: 'element', tag: name, attrs: attribs, children: [], parent: current };
        current.children.push(el);
        current = el;
        lastText = null;
      },
      onclosetag() {
        if (current.parent) current = current.parent;
        lastText = null;
      },
      ontext(data) {
        if (lastText && lastText.parent === current) {
          lastText.text += data;
          return;
        }
        const t: TextNode = { kind: 'text', text: data, parent: current };
        current.children.push(t);
        lastText = t;
      },
    },
    {
      xmlMode: options.xml === true,
      decodeEntities: true,
      lowerCaseTags: options.xml !== true,
      lowerCaseAttributeNames: options.xml !== true,
      recognizeCDATA: true,
    },
  );
  parser.write(markup);
  parser.end();
  return root;
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
