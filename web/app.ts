/**
 * The page served at `/` by the local read API: search a name, read a speaker's quotes (paged),
 * open an article with its quotes and entity mentions highlighted, list an entity's articles.
 *
 * Everything shown comes from uploaded articles, so every piece of data goes into the page as
 * text (`textContent`, text nodes) or as an attribute that cannot run code; nothing is parsed as
 * HTML. The server's Content-Security-Policy (scripts from this origin only, Trusted Types
 * required) backs that up.
 */
import type {
  ArticleRef,
  ArticleView,
  EntityMention,
  EntitySummary,
  ListedQuote,
  QuoteView,
  SpeakerSummary,
} from '#read/ports.ts';

/** Quotes or articles per page. */
export const PAGE_SIZE = 200;

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | undefined>;

/** An element with attributes and children; strings become text nodes, never markup. */
function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  for (const c of children) if (c) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** A link inside the page (a hash route). */
const link = (route: string, ...children: Child[]) => h('a', { href: `#${route}` }, ...children);

/** A link out, only for http(s) URLs; anything else (javascript:, data:, ...) stays text. */
function externalLink(url: string | undefined, label: string): Child {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return h('span', { class: 'url' }, url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return h('span', { class: 'url' }, url);
  return h('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label);
}

const view = () => document.getElementById('view') as HTMLElement;

function show(...children: Child[]): void {
  view().replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

class ApiError extends Error {}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(body.error ?? `the API answered ${res.status}`);
  return body as T;
}

const day = (iso: string) => (iso ? iso.slice(0, 10) : '');
const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** What search results told about ids, so a speaker's page can show the name and count. */
const known = new Map<string, { name: string; count: number; what: 'quote' | 'article' }>();

// ---------------------------------------------------------------------------------------------
// Routes: #/speakers?q=..., #/entities?q=..., #/speaker/<id>, #/entity/<id>, #/article/<id>

async function route(): Promise<void> {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const [, kind, rawId] = path.split('/');
  const id = rawId ? decodeURIComponent(rawId) : '';
  try {
    if ((kind === 'speakers' || kind === 'entities') && params.get('q')) {
      await search(kind, params.get('q') as string);
    } else if (kind === 'speaker' && id) await speakerPage(id);
    else if (kind === 'entity' && id) await entityPage(id);
    else if (kind === 'article' && id) await articlePage(id);
    else home();
  } catch (error) {
    show(h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
  }
}

function home(): void {
  show(
    h('h1', {}, 'Who said what'),
    h(
      'p',
      {},
      'Type a name above: "Quotes by" lists what a person or an organisation said; "Articles mentioning" lists the articles that name a person, an organisation or a place.',
    ),
  );
}

async function search(kind: 'speakers' | 'entities', q: string): Promise<void> {
  const input = document.getElementById('q') as HTMLInputElement;
  if (document.activeElement !== input) input.value = q;
  show(h('p', { class: 'loading' }, `Searching for ${q} …`));
  if (kind === 'speakers') {
    const { items } = await api<{ items: SpeakerSummary[] }>(`/speakers?q=${encodeURIComponent(q)}`);
    for (const s of items) known.set(s.id, { name: s.name, count: s.quoteCount, what: 'quote' });
    show(
      h('h1', {}, 'Speakers matching ', h('q', {}, q)),
      items.length
        ? h(
            'ul',
            { class: 'results', id: 'speakers' },
            ...items.map((s) =>
              h(
                'li',
                {},
                link(`/speaker/${encodeURIComponent(s.id)}`, s.name),
                ' ',
                h(
                  'span',
                  { class: 'muted' },
                  `${plural(s.quoteCount, 'quote')}${s.type ? ` · ${s.type}` : ''}`,
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, `No quotes by anyone named ${q}.`),
    );
  } else {
    const { items } = await api<{ items: EntitySummary[] }>(`/entities?q=${encodeURIComponent(q)}`);
    for (const e of items) known.set(e.id, { name: e.name, count: e.articleCount, what: 'article' });
    show(
      h('h1', {}, 'Names matching ', h('q', {}, q)),
      items.length
        ? h(
            'ul',
            { class: 'results', id: 'entities' },
            ...items.map((e) =>
              h(
                'li',
                {},
                link(`/entity/${encodeURIComponent(e.id)}`, e.name),
                ' ',
                h('span', { class: 'muted' }, `${plural(e.articleCount, 'article')} · ${e.types.join(', ')}`),
              ),
            ),
          )
        : h('p', { class: 'empty' }, `No article mentions ${q}.`),
    );
  }
}

/**
 * A paged listing: the first page, then Next / Previous with the API's cursors (kept here, so
 * going back needs no cursor arithmetic).
 */
async function paged<T>(
  title: (first: T | undefined) => Child[],
  load: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>,
  render: (item: T) => Node,
  listId: string,
  onRendered?: () => void,
): Promise<void> {
  const cursors: (string | undefined)[] = [undefined];
  let pageIndex = 0;
  const heading = h('h1', {});
  const list = h('ol', { class: 'items', id: listId });
  const status = h('span', { class: 'page-status', id: `${listId}-page` });
  const prev = h('button', { type: 'button', id: `${listId}-prev` }, '← Previous') as HTMLButtonElement;
  const next = h('button', { type: 'button', id: `${listId}-next` }, 'Next →') as HTMLButtonElement;
  const nav = h('nav', { class: 'pager', 'aria-label': 'pages' }, prev, status, next);
  const load1 = async () => {
    prev.disabled = next.disabled = true;
    const page = await load(cursors[pageIndex]);
    heading.replaceChildren(...title(page.items[0]).filter((c): c is Node | string => Boolean(c)));
    list.setAttribute('start', String(pageIndex * PAGE_SIZE + 1));
    list.replaceChildren(...page.items.map(render));
    if (page.next) cursors[pageIndex + 1] = page.next;
    else cursors.length = pageIndex + 1;
    status.textContent = page.items.length
      ? `page ${pageIndex + 1} · ${pageIndex * PAGE_SIZE + 1}–${pageIndex * PAGE_SIZE + page.items.length}`
      : 'nothing found';
    prev.disabled = pageIndex === 0;
    next.disabled = !page.next;
    onRendered?.();
  };
  const go = (delta: number) => {
    pageIndex += delta;
    load1().catch((error) => status.replaceChildren(h('span', { class: 'error' }, String(error.message))));
    heading.scrollIntoView();
  };
  prev.addEventListener('click', () => go(-1));
  next.addEventListener('click', () => go(1));
  show(heading, nav, list);
  await load1();
}

function articleLine(a: ArticleRef): Node {
  return h(
    'span',
    { class: 'source' },
    link(`/article/${encodeURIComponent(a.id)}`, a.title ?? a.key),
    a.outlet ? ` · ${a.outlet}` : '',
    a.date ? ` · ${day(a.date)}` : '',
  );
}

function speakerLine(q: QuoteView): Node {
  const s = q.speaker;
  if (!s) return h('span', { class: 'speaker muted' }, 'unattributed');
  return h(
    'span',
    { class: 'speaker' },
    '— ',
    link(`/speaker/${encodeURIComponent(s.id)}`, s.name),
    s.role ? h('span', { class: 'role' }, `, ${s.role}`) : null,
    q.cue ? h('span', { class: 'cue' }, ` (${q.cue.text})`) : null,
  );
}

function quoteItem(q: ListedQuote): Node {
  return h(
    'li',
    { class: `quote ${q.type}` },
    h('blockquote', {}, q.text),
    h('div', { class: 'meta' }, speakerLine(q), ' ', articleLine(q.article)),
  );
}

async function speakerPage(id: string): Promise<void> {
  const info = known.get(id);
  await paged<ListedQuote>(
    (first) => [
      'Quotes by ',
      h('span', { class: 'name' }, info?.name ?? first?.speaker?.name ?? 'this speaker'),
      info ? h('span', { class: 'muted count' }, ` (${plural(info.count, 'quote')})`) : null,
    ],
    (cursor) =>
      api(
        `/speakers/${encodeURIComponent(id)}/quotes?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    quoteItem,
    'quotes',
    () => performance.mark('news-ingest:quotes-rendered'),
  );
}

async function entityPage(id: string): Promise<void> {
  const info = known.get(id);
  await paged<EntityMention>(
    (first) => [
      'Articles mentioning ',
      h('span', { class: 'name' }, info?.name ?? first?.name ?? 'this name'),
      info ? h('span', { class: 'muted count' }, ` (${plural(info.count, 'article')})`) : null,
    ],
    (cursor) =>
      api(
        `/entities/${encodeURIComponent(id)}/articles?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    (m) =>
      h(
        'li',
        { class: 'mention' },
        articleLine(m.article),
        h('span', { class: 'muted' }, ` · ${m.type} × ${m.mentions}`),
      ),
    'articles',
  );
}

/** The body as text nodes, with quotes in <mark> and entity mentions in <span>, by offsets. */
export function highlighted(article: ArticleView): Node {
  const body = article.body ?? '';
  const container = h('div', { class: 'body', id: 'article-body' });
  const bounds = new Set<number>([0, body.length]);
  const quotes = article.quotes.filter((q) => q.start < q.end && q.end <= body.length);
  const mentions = article.entities.flatMap((e) =>
    e.spans.filter(([s, t]) => s < t && t <= body.length).map(([s, t]) => ({ start: s, end: t, entity: e })),
  );
  for (const q of quotes) bounds.add(q.start).add(q.end);
  for (const m of mentions) bounds.add(m.start).add(m.end);
  const cuts = [...bounds].sort((a, b) => a - b);
  let quoteAt = 0;
  let mentionAt = 0;
  mentions.sort((a, b) => a.start - b.start);
  quotes.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    while (quoteAt < quotes.length && (quotes[quoteAt] as QuoteView).end <= from) quoteAt++;
    while (mentionAt < mentions.length && (mentions[mentionAt] as { end: number }).end <= from) mentionAt++;
    const q = quotes[quoteAt];
    const m = mentions[mentionAt];
    let node: Node = document.createTextNode(body.slice(from, to));
    if (m && m.start <= from && to <= m.end) {
      node = h(
        'span',
        { class: `entity ${m.entity.type}`, title: `${m.entity.type}: ${m.entity.name}` },
        node,
      );
    }
    if (q && q.start <= from && to <= q.end) {
      node = h(
        'mark',
        { class: `quote ${q.type}`, title: q.speaker ? `said by ${q.speaker.name}` : 'unattributed' },
        node,
      );
    }
    container.append(node);
  }
  return container;
}

async function articlePage(id: string): Promise<void> {
  const a = await api<ArticleView>(`/articles/${encodeURIComponent(id)}`);
  show(
    h('h1', { id: 'article-title' }, a.title ?? a.key),
    a.deck ? h('p', { class: 'deck' }, a.deck) : null,
    h(
      'p',
      { class: 'meta' },
      [a.byline, a.outlet, day(a.date), a.key].filter(Boolean).join(' · '),
      ' ',
      externalLink(a.url, 'original'),
    ),
    h(
      'p',
      { class: 'legend' },
      h('mark', { class: 'quote direct' }, 'quote'),
      ' ',
      ...['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'].flatMap((t) => [
        h('span', { class: `entity ${t}` }, t.toLowerCase()),
        ' ',
      ]),
    ),
    a.body !== undefined
      ? highlighted(a)
      : h('p', { class: 'muted' }, 'The text of this article was stored before the table kept bodies.'),
    a.bodyTruncated ? h('p', { class: 'muted' }, 'The text is cut after 100,000 characters.') : null,
    h('h2', {}, plural(a.quotes.length, 'quote')),
    h(
      'ol',
      { class: 'items', id: 'article-quotes' },
      ...a.quotes.map((q) =>
        h(
          'li',
          { class: `quote ${q.type}` },
          h('blockquote', {}, q.text),
          h('div', { class: 'meta' }, speakerLine(q)),
        ),
      ),
    ),
    h('h2', {}, plural(a.entities.length, 'entity').replace(/entitys$/, 'entities')),
    h(
      'ul',
      { class: 'entities', id: 'article-entities' },
      ...a.entities.map((e) =>
        h(
          'li',
          {},
          link(`/entity/${encodeURIComponent(e.id)}`, e.name),
          h('span', { class: 'muted' }, ` ${e.type} × ${e.mentions}`),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

function start(): void {
  const form = document.getElementById('search') as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const kind = submitter?.value === 'entities' ? 'entities' : 'speakers';
    const q = (document.getElementById('q') as HTMLInputElement).value.trim();
    if (q) location.hash = `#/${kind}?q=${encodeURIComponent(q)}`;
  });
  window.addEventListener('hashchange', () => void route());
  void route();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
