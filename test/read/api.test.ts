import { describe, expect, it } from 'vitest';
import { handleApiRequest, matchRoute, ROUTES, toBase64Url } from '#read/api.ts';
import { InvalidIdError, type PageRequest, type ReadModel } from '#read/ports.ts';

/** A read model that records what it was asked and answers from fixed data. */
function recordingModel(next: string | null = 'position-1') {
  const calls: { method: string; id?: string; page?: PageRequest; query?: string; limit?: number }[] = [];
  const model: ReadModel = {
    async searchSpeakers(query, limit) {
      calls.push({ method: 'searchSpeakers', query, limit });
      return [{ id: 'c3BlYWtlcg', name: 'Nadia Okonjo', quoteCount: 3 }];
    },
    async speakerQuotes(id, page) {
      if (id === 'bad') throw new InvalidIdError('not a speaker id');
      calls.push({ method: 'speakerQuotes', id, page });
      return { items: [], ...(next ? { next } : {}) };
    },
    async searchEntities(query, limit) {
      calls.push({ method: 'searchEntities', query, limit });
      return [];
    },
    async entityArticles(id, page) {
      calls.push({ method: 'entityArticles', id, page });
      return { items: [], ...(next ? { next } : {}) };
    },
    async article(id) {
      calls.push({ method: 'article', id });
      return undefined;
    },
  };
  return { model, calls };
}

const get = (path: string, model: ReadModel, method = 'GET') => {
  const [p, q = ''] = path.split('?');
  return handleApiRequest({ method, path: p as string, query: q }, model, { openapi: '3.1.0' });
};

describe('routes', () => {
  it('matches every route and decodes its path parameter', () => {
    for (const route of ROUTES) {
      const path = route.slice(4).replace('{id}', 'a%20b');
      const matched = matchRoute(path);
      expect(matched?.route).toBe(route);
      if (route.includes('{id}')) expect(matched?.params.id).toBe('a b');
    }
    expect(matchRoute('/speakers/x')).toBeUndefined();
    expect(matchRoute('/speakers//quotes')).toBeUndefined();
    expect(matchRoute('/speakers/%E0%A4%A/quotes')).toBeUndefined();
  });

  it('answers 404 for an unknown path and 405 for another method, with a one-line message', async () => {
    const { model } = recordingModel();
    const unknown = await get('/people', model);
    expect(unknown.status).toBe(404);
    const post = await get('/speakers?q=x', model, 'POST');
    expect(post.status).toBe(405);
    for (const r of [unknown, post]) expect((r.body as { error: string }).error).toMatch(/^[^\n]+$/);
  });
});

describe('parameters', () => {
  it.each([
    ['/speakers', 'q is required'],
    ['/speakers?q=%20%20', 'q is required'],
    [`/speakers?q=${'a'.repeat(201)}`, 'at most 200'],
    ['/speakers?q=a&q=b', 'give "q" once'],
    ['/speakers?q=a&sort=new', 'unknown parameter "sort"'],
    ['/speakers?q=a&limit=0', 'limit must be an integer from 1 to 50'],
    ['/speakers?q=a&limit=51', 'limit must be an integer from 1 to 50'],
    ['/entities?q=a&limit=abc', 'limit must be an integer'],
    ['/speakers/abc/quotes?limit=1.5', 'from 1 to 200'],
    ['/speakers/abc/quotes?limit=201', 'from 1 to 200'],
    ['/speakers/abc/quotes?limit=-3', 'from 1 to 200'],
    ['/speakers/abc/quotes?q=x', 'unknown parameter "q"'],
    ['/articles/abc?limit=2', 'this route takes none'],
    ['/speakers?q=%E0%A4%A', 'not valid percent-encoding'],
    ['/speakers/bad/quotes', 'not a speaker id'],
  ])('%s is a 400 saying "%s"', async (path, message) => {
    const { model } = recordingModel();
    const res = await get(path, model);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toContain(message);
    expect((res.body as { error: string }).error).not.toContain('\n');
  });

  it('passes trimmed names and default limits to the read model', async () => {
    const { model, calls } = recordingModel();
    const res = await get('/speakers?q=%20Nadia%20%20Okonjo%20', model);
    expect(res).toEqual({
      status: 200,
      body: { query: 'Nadia Okonjo', items: [{ id: 'c3BlYWtlcg', name: 'Nadia Okonjo', quoteCount: 3 }] },
    });
    await get('/speakers/abc/quotes', model);
    await get('/entities/abc/articles?limit=7', model);
    expect(calls).toEqual([
      { method: 'searchSpeakers', query: 'Nadia Okonjo', limit: 20 },
      { method: 'speakerQuotes', id: 'abc', page: { limit: 50 } },
      { method: 'entityArticles', id: 'abc', page: { limit: 7 } },
    ]);
  });

  it('answers 404 for an article the model does not have', async () => {
    const { model } = recordingModel();
    expect((await get('/articles/abc', model)).status).toBe(404);
  });
});

describe('cursors', () => {
  it('wrap the read model position, and give it back only to the same listing of the same id', async () => {
    const { model, calls } = recordingModel('pos\n42');
    const first = await get('/speakers/abc/quotes?limit=2', model);
    const next = (first.body as { next: string }).next;
    expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(next).not.toContain('pos');
    const second = await get(`/speakers/abc/quotes?limit=2&cursor=${next}`, model);
    expect(second.status).toBe(200);
    expect(calls.at(-1)).toEqual({
      method: 'speakerQuotes',
      id: 'abc',
      page: { limit: 2, after: 'pos\n42' },
    });

    const otherId = await get(`/speakers/abd/quotes?cursor=${next}`, model);
    expect(otherId).toEqual({ status: 400, body: { error: 'this cursor belongs to another listing' } });
    const otherListing = await get(`/entities/abc/articles?cursor=${next}`, model);
    expect(otherListing.status).toBe(400);
    expect(calls).toHaveLength(2);
  });

  it('gives no cursor on the last page', async () => {
    const { model } = recordingModel(null);
    expect(((await get('/entities/abc/articles', model)).body as { next: unknown }).next).toBeNull();
  });

  it.each([
    ['garbage', 'not-base64!'],
    ['truncated', toBase64Url(JSON.stringify({ v: 1, l: 'speakerQuotes', i: 'abc', p: 'x' })).slice(0, -4)],
    ['not JSON', toBase64Url('{"v":1,')],
    ['not an object', toBase64Url('[1,2]')],
    ['no position', toBase64Url(JSON.stringify({ v: 1, l: 'speakerQuotes', i: 'abc' }))],
    ['padded', `${toBase64Url(JSON.stringify({ v: 1, l: 'speakerQuotes', i: 'abc', p: 'x' }))}==`],
    ['too long', 'A'.repeat(3000)],
  ])('a %s cursor is a 400 and never reaches the read model', async (_name, cursor) => {
    const { model, calls } = recordingModel();
    const res = await get(`/speakers/abc/quotes?cursor=${cursor}`, model);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/cursor/);
    expect(calls).toEqual([]);
  });

  it('a cursor of another format version is stale', async () => {
    const { model } = recordingModel();
    const old = toBase64Url(JSON.stringify({ v: 0, l: 'speakerQuotes', i: 'abc', p: 'x' }));
    const res = await get(`/speakers/abc/quotes?cursor=${old}`, model);
    expect(res).toEqual({ status: 400, body: { error: 'stale cursor: start again from the first page' } });
  });
});

describe('errors of the read model', () => {
  it('propagate (the handler turns them into a 500), except invalid ids and positions', async () => {
    const failing: ReadModel = {
      ...recordingModel().model,
      async searchEntities() {
        throw new Error('DynamoDB is down');
      },
    };
    await expect(get('/entities?q=x', failing)).rejects.toThrow('DynamoDB is down');
  });
});
