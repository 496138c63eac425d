import { InvalidIdError, InvalidPositionError, type ReadModel } from './ports.ts';

/**
 * The read API as a use case: an HTTP request (method, path, query string) in, a status and a
 * JSON body out. The Lambda handler (functions/handlers/read-api.ts) adapts API Gateway's events
 * to it; the routes are described in functions/read/openapi.json.
 */

export interface ApiRequest {
  readonly method: string;
  /** The decoded-once path as received (`/speakers/abc/quotes`), without the query string. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Results per page: the default, and the most a request may ask for. */
export const PAGE_LIMIT = { default: 50, max: 200 } as const;
/** Search results: the default, and the most a request may ask for. */
export const SEARCH_LIMIT = { default: 20, max: 50 } as const;
export const MAX_QUERY_CHARS = 200;
export const MAX_ID_CHARS = 512;
export const MAX_CURSOR_CHARS = 2048;
/** Cursor format; a cursor of another version is refused as stale. */
const CURSOR_VERSION = 1;

/** The routes, as API Gateway route keys (the CDK construct and the OpenAPI document use the same). */
export const ROUTES = [
  'GET /speakers',
  'GET /speakers/{id}/quotes',
  'GET /entities',
  'GET /entities/{id}/articles',
  'GET /articles/{id}',
  'GET /openapi.json',
] as const;
export type RouteKey = (typeof ROUTES)[number];

class BadRequest extends Error {}

const json = (status: number, body: unknown): ApiResponse => ({ status, body });
const error = (status: number, message: string): ApiResponse => json(status, { error: message });

/** Matches a path against the routes; path parameters come back decoded. */
export function matchRoute(path: string): { route: RouteKey; params: Record<string, string> } | undefined {
  const segments = path.split('/').slice(1);
  for (const route of ROUTES) {
    const pattern = route
      .slice(route.indexOf(' ') + 1)
      .split('/')
      .slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    pattern.forEach((p, i) => {
      const s = segments[i] as string;
      if (p.startsWith('{')) {
        try {
          params[p.slice(1, -1)] = decodeURIComponent(s);
        } catch {
          ok = false;
        }
        if (!s) ok = false;
      } else if (p !== s) ok = false;
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/** Handles one request. Never throws for bad input: every client error is a 4xx with a one-line message. */
export async function handleApiRequest(
  request: ApiRequest,
  model: ReadModel,
  openApi: unknown,
): Promise<ApiResponse> {
  const matched = matchRoute(request.path);
  if (!matched) return error(404, `no such route: ${request.path.slice(0, 200)}`);
  if (request.method !== 'GET') {
    return error(405, `${request.method.slice(0, 20)} is not allowed; the API is read-only (GET)`);
  }
  try {
    const { route, params } = matched;
    switch (route) {
      case 'GET /speakers': {
        const q = parseQuery(request.query, ['q', 'limit']);
        const text = searchText(q);
        const limit = limitOf(q, SEARCH_LIMIT);
        return json(200, { query: text, items: await model.searchSpeakers(text, limit) });
      }
      case 'GET /entities': {
        const q = parseQuery(request.query, ['q', 'limit']);
        const text = searchText(q);
        const limit = limitOf(q, SEARCH_LIMIT);
        return json(200, { query: text, items: await model.searchEntities(text, limit) });
      }
      case 'GET /speakers/{id}/quotes':
      case 'GET /entities/{id}/articles': {
        const q = parseQuery(request.query, ['limit', 'cursor']);
        const id = idOf(params.id);
        const limit = limitOf(q, PAGE_LIMIT);
        const listing = route === 'GET /speakers/{id}/quotes' ? 'speakerQuotes' : 'entityArticles';
        const after = q.cursor === undefined ? undefined : readCursor(q.cursor, listing, id);
        const page =
          listing === 'speakerQuotes'
            ? await model.speakerQuotes(id, { limit, ...(after ? { after } : {}) })
            : await model.entityArticles(id, { limit, ...(after ? { after } : {}) });
        return json(200, {
          id,
          items: page.items,
          next: page.next === undefined ? null : writeCursor(listing, id, page.next),
        });
      }
      case 'GET /articles/{id}': {
        parseQuery(request.query, []);
        const id = idOf(params.id);
        const article = await model.article(id);
        return article ? json(200, article) : error(404, 'no article with this id');
      }
      case 'GET /openapi.json':
        parseQuery(request.query, []);
        return json(200, openApi);
    }
  } catch (e) {
    if (e instanceof BadRequest || e instanceof InvalidIdError || e instanceof InvalidPositionError) {
      return error(400, e.message);
    }
    throw e;
  }
}

/** The query string's parameters; unknown, repeated or empty ones are refused. */
function parseQuery(raw: string, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let params: URLSearchParams;
  try {
    // URLSearchParams replaces malformed escapes; refuse them instead
    decodeURIComponent(raw.replace(/\+/g, ' '));
    params = new URLSearchParams(raw);
  } catch {
    throw new BadRequest('the query string is not valid percent-encoding');
  }
  for (const [name, value] of params) {
    if (!allowed.includes(name)) {
      const known = allowed.length ? `; this route takes ${allowed.join(', ')}` : '; this route takes none';
      throw new BadRequest(`unknown parameter "${name.slice(0, 50)}"${known}`);
    }
    if (name in out) throw new BadRequest(`give "${name}" once`);
    out[name] = value;
  }
  return out;
}

function searchText(q: Record<string, string>): string {
  const text = (q.q ?? '').replace(/\s+/g, ' ').trim();
  if (!text) throw new BadRequest('q is required: the name to search for');
  if (text.length > MAX_QUERY_CHARS) throw new BadRequest(`q must be at most ${MAX_QUERY_CHARS} characters`);
  return text;
}

function limitOf(q: Record<string, string>, bounds: { default: number; max: number }): number {
  if (q.limit === undefined) return bounds.default;
  const n = /^\d{1,6}$/.test(q.limit) ? Number(q.limit) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > bounds.max)
    throw new BadRequest(`limit must be an integer from 1 to ${bounds.max}`);
  return n;
}

function idOf(raw: string | undefined): string {
  if (!raw) throw new BadRequest('the id is missing');
  if (raw.length > MAX_ID_CHARS)
    throw new InvalidIdError(`the id must be at most ${MAX_ID_CHARS} characters`);
  return raw;
}

/*
 * Cursors: base64url of JSON { v, l, i, p }: format version, listing, the id the listing is of,
 * and the read model's position. A cursor is accepted only by the listing and id it was made for,
 * and its position is validated by the read model, which builds the partition key from the id in
 * the path, never from the cursor: a forged cursor can at most start the same listing elsewhere,
 * and anything malformed is a 400.
 */

function writeCursor(listing: string, id: string, position: string): string {
  return toBase64Url(JSON.stringify({ v: CURSOR_VERSION, l: listing, i: id, p: position }));
}

function readCursor(cursor: string, listing: string, id: string): string {
  const invalid = 'invalid cursor: pass the "next" value of the previous page unchanged';
  if (!cursor || cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw new BadRequest(invalid);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw new BadRequest(invalid);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new BadRequest(invalid);
  const { v, l, i, p } = parsed as Record<string, unknown>;
  if (typeof v !== 'number') throw new BadRequest(invalid);
  if (v !== CURSOR_VERSION) throw new BadRequest('stale cursor: start again from the first page');
  if (l !== listing || i !== id) throw new BadRequest('this cursor belongs to another listing');
  if (typeof p !== 'string' || !p) throw new BadRequest(invalid);
  return p;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws on anything that is not canonical base64url of UTF-8. */
function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (toBase64Url(decoded) !== text) throw new Error('not canonical');
  return decoded;
}

export { fromBase64Url, toBase64Url };
