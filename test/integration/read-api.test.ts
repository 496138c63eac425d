import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectId, speakerPk } from '#adapters/aws/dynamodb/keys.ts';
import { PAGE_CSP } from '#local/http-api.ts';
import { fromBase64Url, ROUTES, toBase64Url } from '#read/api.ts';
import type { ArticleView, EntityMention, EntitySummary, ListedQuote, SpeakerSummary } from '#read/ports.ts';
import {
  articleJson,
  getJson,
  ingest,
  type JsonResponse,
  quoteParagraphs,
  type ReadApiStack,
  startReadApiStack,
} from './read-api-support.ts';

const DOC = JSON.parse(readFileSync(new URL('../../functions/read/openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(DOC, 'openapi');

/** (route, status) pairs the tests saw, checked against the document at the end. */
const seen = new Set<string>();

/** GETs a path and validates the response against the OpenAPI document's schema for its route and status. */
async function call<T>(path: string): Promise<JsonResponse<T>> {
  const res = await getJson<T>(rs.api, path);
  const route = ROUTES.find((r) =>
    new RegExp(`^${r.slice(4).replace(/\{id\}/g, '[^/]+')}$`).test(path.split('?')[0] as string),
  );
  if (!route) throw new Error(`no route for ${path}`);
  const docPath = route.slice(4);
  const response = DOC.paths[docPath]?.get?.responses?.[String(res.status)];
  expect(response, `${route} ${res.status} is documented`).toBeDefined();
  const schema = response.content['application/json'].schema;
  const validate = ajv.compile(schema.$ref ? { $ref: `openapi${schema.$ref}` } : schema);
  expect(validate(res.body), `${route} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('cache-control')).toBe('no-store');
  seen.add(`${route} ${res.status}`);
  return res;
}

const NADIA = 'Nadia Okonjo';
const KEYS = { a: 'articles/ferry-a.json', b: 'articles/ferry-b.json', c: 'articles/ferry-c.json' };

let rs: ReadApiStack;
let nadia: SpeakerSummary;

beforeAll(async () => {
  rs = await startReadApiStack();
  await ingest(rs.stack, {
    [KEYS.a]: articleJson({
      title: 'Ferry budget goes back to committee',
      outlet: 'Lakeside Gazette',
      url: 'https://lakeside.example/ferry-a',
      published: '2026-01-10T09:00:00Z',
      paragraphs: [
        'The Harbor Authority asked the council to wait for a new cost estimate.',
        ...quoteParagraphs(NADIA, 60, 'ferry'),
      ],
    }),
    [KEYS.b]: articleJson({
      title: 'Treasurer questions ferry costs',
      outlet: 'Lakeside Gazette',
      published: '2026-02-10T09:00:00Z',
      paragraphs: quoteParagraphs(NADIA, 70, 'pier', 60),
    }),
    [KEYS.c]: articleJson({
      title: 'Council delays the ferry vote again',
      outlet: 'Valley Courier',
      published: '2026-03-10T09:00:00Z',
      paragraphs: [
        'Members of the Harbor Authority attended the meeting.',
        ...quoteParagraphs(NADIA, 10, 'dock', 130),
        ...quoteParagraphs('Priya Raman', 3, 'harbor'),
      ],
    }),
  });
  const found = await call<{ items: SpeakerSummary[] }>(`/speakers?q=${encodeURIComponent('nadia  OKONJO')}`);
  nadia = found.body.items[0] as SpeakerSummary;
});

afterAll(async () => {
  await rs?.stop();
});

async function allPages(id: string, limit: number): Promise<{ pages: number; items: ListedQuote[] }> {
  const items: ListedQuote[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: JsonResponse<{ items: ListedQuote[]; next: string | null }> = await call(
      `/speakers/${id}/quotes?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.next;
    pages++;
  } while (cursor && pages < 100);
  return { pages, items };
}

describe('the local read API', () => {
  it('runs the template routes on the bundled read function, as deployed', () => {
    const routes = rs.stack.model.httpRoutes;
    expect(routes.map((r) => r.routeKey).sort()).toEqual([...ROUTES].sort());
    const fn = rs.stack.model.functions.find((f) => f.logicalId === routes[0]?.function);
    expect(fn?.logicalId).toMatch(/^ReadApiFunction/);
    expect(fn?.assetDir).toMatch(/cdk\.out[/\\]asset\./);
    expect(new Set(routes.map((r) => r.function)).size).toBe(1);
    expect(routes.every((r) => r.authorizationType === 'AWS_IAM')).toBe(true);
  });

  it('finds a speaker by full name, any case and spacing, with the quote count', () => {
    expect(nadia).toMatchObject({ name: NADIA, type: 'PERSON', quoteCount: 140 });
  });

  it('pages through a speaker quotes newest first, each once, with its article', async () => {
    const { pages, items } = await allPages(nadia.id, 50);
    expect(pages).toBe(3);
    expect(items).toHaveLength(140);
    const ids = items.map((q) => `${q.article.id}:${q.start}`);
    expect(new Set(ids).size).toBe(140);
    const dates = items.map((q) => q.article.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(items[0]?.article).toMatchObject({
      key: KEYS.c,
      title: 'Council delays the ferry vote again',
      outlet: 'Valley Courier',
      date: '2026-03-10T09:00:00.000Z',
    });
    expect(items.at(-1)?.article).toMatchObject({ key: KEYS.a, url: 'https://lakeside.example/ferry-a' });
    for (const q of items) {
      expect(q.speaker?.name).toBe(NADIA);
      expect(q.cue?.text).toBe('said');
    }
    // a page of 200 (the cap) holds them all, and says so
    const one = await allPages(nadia.id, 200);
    expect(one.pages).toBe(1);
    expect(one.items.map((q) => `${q.article.id}:${q.start}`)).toEqual(ids);
  });

  it('returns one article with its body, entities and quotes, offsets into the body', async () => {
    const first = await call<{ items: ListedQuote[] }>(`/speakers/${nadia.id}/quotes?limit=1`);
    const id = first.body.items[0]?.article.id as string;
    expect(id).toBe(`${objectId(rs.stack.bucket, KEYS.c)}-0`);
    const { body: a } = await call<ArticleView>(`/articles/${id}`);
    expect(a).toMatchObject({
      key: KEYS.c,
      bucket: rs.stack.bucket,
      title: 'Council delays the ferry vote again',
    });
    expect(a.quotes).toHaveLength(13);
    for (const q of a.quotes) {
      expect(a.body?.slice(q.start, q.end)).toBe(q.text);
      if (q.mention) expect(a.body?.slice(q.mention.start, q.mention.end)).toBe(q.mention.text);
      if (q.cue) expect(a.body?.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
    }
    const harbor = a.entities.find((e) => e.name === 'Harbor Authority');
    expect(harbor?.type).toBe('ORGANIZATION');
    for (const [s, e] of harbor?.spans ?? []) expect(a.body?.slice(s, e)).toBe('Harbor Authority');
  });

  it('finds an entity and lists its articles newest first', async () => {
    const found = await call<{ items: EntitySummary[] }>('/entities?q=harbor%20authority');
    expect(found.body.items).toEqual([
      { id: expect.any(String), name: 'Harbor Authority', types: ['ORGANIZATION'], articleCount: 2 },
    ]);
    const id = found.body.items[0]?.id as string;
    const page1 = await call<{ items: EntityMention[]; next: string | null }>(
      `/entities/${id}/articles?limit=1`,
    );
    expect(page1.body.items.map((m) => m.article.key)).toEqual([KEYS.c]);
    const page2 = await call<{ items: EntityMention[]; next: string | null }>(
      `/entities/${id}/articles?limit=1&cursor=${page1.body.next}`,
    );
    expect(page2.body.items.map((m) => m.article.key)).toEqual([KEYS.a]);
    expect(page2.body.next).toBeNull();
    expect(await call('/entities?q=nobody%20at%20all')).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('serves its OpenAPI document', async () => {
    const res = await call<typeof DOC>('/openapi.json');
    expect(res.body).toEqual(DOC);
  });

  it('answers every bad parameter with a 400 and a one-line message', async () => {
    const bad = [
      '/speakers',
      '/speakers?q=a&limit=51',
      '/entities?q=',
      '/speakers/!!!/quotes',
      `/speakers/${nadia.id}/quotes?limit=0`,
      `/entities/${nadia.id}/articles?order=asc`,
      '/articles/not-an-id',
      `/articles/${'0'.repeat(40)}-0?x=1`,
    ];
    for (const path of bad) {
      const res = await call<{ error: string }>(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatch(/^[^\n]{5,200}$/);
    }
    expect((await call(`/articles/${'0'.repeat(40)}-0`)).status).toBe(404);
    const unknown = await fetch(`${rs.api.url}/quotes`);
    expect(unknown.status).toBe(404);
  });
});

describe('cursors', () => {
  const decode = (cursor: string) =>
    JSON.parse(fromBase64Url(cursor)) as { v: number; l: string; i: string; p: string };
  const encode = (c: object) => toBase64Url(JSON.stringify(c));
  let next: string;
  beforeAll(async () => {
    next = (await call<{ next: string }>(`/speakers/${nadia.id}/quotes?limit=5`)).body.next;
  });

  it('refuses a cursor of another speaker or another listing', async () => {
    const priya = (await call<{ items: SpeakerSummary[] }>('/speakers?q=Priya%20Raman')).body
      .items[0] as SpeakerSummary;
    const res = await call<{ error: string }>(`/speakers/${priya.id}/quotes?cursor=${next}`);
    expect(res).toMatchObject({ status: 400, body: { error: 'this cursor belongs to another listing' } });
    // the same cursor re-labelled for Priya: its position is Nadia's, but the partition comes from the path
    const relabelled = encode({ ...decode(next), i: priya.id });
    const shown = await call<{ items: ListedQuote[] }>(`/speakers/${priya.id}/quotes?cursor=${relabelled}`);
    expect(shown.status).toBe(200);
    for (const q of shown.body.items) expect(q.speaker?.name).toBe('Priya Raman');
    const asEntity = encode({ ...decode(next), l: 'entityArticles' });
    expect((await call(`/entities/${nadia.id}/articles?cursor=${asEntity}`)).status).toBe(400);
  });

  it('refuses forged positions with a 400, never a crash', async () => {
    const c = decode(next);
    const [sk, indexSk] = c.p.split('\n') as [string, string];
    const forged = [
      'garbage',
      `${sk}\n`,
      `${sk.replace(/#Q#\d+$/, '#Q#99999')}\n${indexSk}`, // quote numbers disagree
      `${sk}\n${indexSk.replace(/^[^#]+/, 'yesterday')}`,
      `${sk}\n${indexSk.replace(/#[0-9a-f]{40}#/, '#zz#')}`,
      `${sk.replace('#Q#', '#E#')}\n${indexSk}`,
      `${sk}\n${indexSk}\nextra`,
      'x'.repeat(1500),
    ];
    for (const p of forged) {
      const res = await call<{ error: string }>(`/speakers/${nadia.id}/quotes?cursor=${encode({ ...c, p })}`);
      expect(res.status, p.slice(0, 80)).toBe(400);
      expect(res.body.error).toMatch(/cursor/);
    }
    const stale = await call<{ error: string }>(
      `/speakers/${nadia.id}/quotes?cursor=${encode({ ...c, v: 0 })}`,
    );
    expect(stale.body.error).toBe('stale cursor: start again from the first page');
  });

  it('a well-formed position of no existing item only moves within the same listing', async () => {
    const c = decode(next);
    const [sk, indexSk] = c.p.split('\n') as [string, string];
    // the same position, dated before every article: nothing older is left
    const moved = encode({ ...c, p: `${sk}\n${indexSk.replace(/^[^#]+/, '2000-01-01T00:00:00.000Z')}` });
    const res = await call<{ items: ListedQuote[]; next: string | null }>(
      `/speakers/${nadia.id}/quotes?cursor=${moved}`,
    );
    expect(res.body).toMatchObject({ items: [], next: null });
  });
});

describe('committed versions only', () => {
  it('never shows items of an uncommitted version', async () => {
    // what a crashed write leaves: a newer version's quote item, its STATE not pointed at it
    const pk = `OBJ#${objectId(rs.stack.bucket, KEYS.c)}`;
    await rs.stack.documents.send(
      new PutCommand({
        TableName: rs.stack.table,
        Item: {
          pk,
          sk: 'V#ffffffffffffffffffff.00000000#A#00000#Q#00000',
          version: 'ffffffffffffffffffff.00000000',
          kind: 'quote',
          bucket: rs.stack.bucket,
          key: KEYS.c,
          articleIndex: 0,
          quoteType: 'direct',
          text: 'never committed',
          start: 0,
          end: 15,
          speaker: NADIA,
          gsi1pk: speakerPk(NADIA),
          gsi1sk: `2099-01-01T00:00:00.000Z#${pk.slice(4)}#00000#00000`,
          sortDate: '2099-01-01T00:00:00.000Z',
        },
      }),
    );
    const first = await call<{ items: ListedQuote[] }>(`/speakers/${nadia.id}/quotes?limit=3`);
    expect(first.body.items.map((q) => q.text)).not.toContain('never committed');
    expect((await call<{ items: SpeakerSummary[] }>(`/speakers?q=${NADIA}`)).body.items[0]?.quoteCount).toBe(
      140,
    );
  });

  it('follows overwrites and deletes', async () => {
    await ingest(rs.stack, {
      [KEYS.c]: articleJson({
        title: 'Ferry vote set for May',
        published: '2026-03-11T09:00:00Z',
        paragraphs: [
          'The council set the ferry vote for May.',
          ...quoteParagraphs('Priya Raman', 2, 'ferry'),
        ],
      }),
    });
    expect((await call<{ items: SpeakerSummary[] }>(`/speakers?q=${NADIA}`)).body.items[0]?.quoteCount).toBe(
      130,
    );
    const latest = await call<{ items: ListedQuote[] }>(`/speakers/${nadia.id}/quotes?limit=1`);
    expect(latest.body.items[0]?.article.key).toBe(KEYS.b);
    const c = await call<ArticleView>(`/articles/${objectId(rs.stack.bucket, KEYS.c)}-0`);
    expect(c.body).toMatchObject({ title: 'Ferry vote set for May' });
    expect(
      c.body.quotes.filter((q) => q.speaker?.name === 'Priya Raman' && q.type === 'direct'),
    ).toHaveLength(2);
    expect(c.body.quotes.filter((q) => q.speaker?.name === NADIA)).toEqual([]);

    const removal = await rs.stack.delete(KEYS.a);
    await rs.stack.waitFor(removal as NonNullable<typeof removal>, { timeoutMs: 60_000 });
    expect((await call(`/articles/${objectId(rs.stack.bucket, KEYS.a)}-0`)).status).toBe(404);
    const { items } = await allPages(nadia.id, 200);
    expect(items).toHaveLength(70);
    expect(new Set(items.map((q) => q.article.key))).toEqual(new Set([KEYS.b]));
  });
});

describe('the web page', () => {
  it('is served at / with a strict Content-Security-Policy, its script bundled', async () => {
    const page = await fetch(rs.api.webUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>');
    const js = await fetch(`${rs.api.url}/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await js.text();
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    // only the server's own names are answered (no DNS rebinding)
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${rs.api.url}/speakers?q=x`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('the OpenAPI document', () => {
  it('was checked for every documented response', () => {
    const documented = Object.entries(
      DOC.paths as Record<string, { get: { responses: Record<string, unknown> } }>,
    ).flatMap(([path, ops]) => Object.keys(ops.get.responses).map((status) => `GET ${path} ${status}`));
    expect([...seen].sort()).toEqual(documented.sort());
  });
});
