import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LocalStack } from './stack.ts';
import { PROJECT_ROOT } from './synth.ts';
import type { HttpRouteSpec } from './template.ts';

/**
 * The template's HTTP API on 127.0.0.1: each request matching a route of the synthesized template
 * becomes an API Gateway event (payload format 2.0) for the route's bundled function, run by the
 * local stack like every other function, and its result becomes the HTTP response, as API
 * Gateway maps it. So the local API runs exactly the handler `cdk deploy` would deploy. IAM
 * authorization (SigV4) is not enforced locally, as no IAM is.
 *
 * The same server serves the web page (web/, bundled with esbuild at start) at `/`, with a
 * strict Content-Security-Policy.
 */

export interface HttpApiOptions {
  readonly stack: LocalStack;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Serve the web page at `/` (default true). */
  readonly web?: boolean;
}

export interface LocalHttpApi {
  /** Base URL of the API, without a trailing slash (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** The web page. */
  readonly webUrl: string;
  readonly routes: readonly HttpRouteSpec[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** The page may load its own script, style and data, and nothing else; no inline code, no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** The page's files: index.html, and app.js bundled from web/app.ts by the project's esbuild. */
export async function buildPage(): Promise<Record<string, { type: string; body: Buffer }>> {
  const web = join(PROJECT_ROOT, 'web');
  const result = await build({
    entryPoints: [join(web, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no app.js');
  const html = readFileSync(join(web, 'index.html'));
  return {
    '/': { type: 'text/html; charset=utf-8', body: html },
    '/index.html': { type: 'text/html; charset=utf-8', body: html },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: Buffer.from(js.contents) },
    '/app.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(web, 'app.css')) },
  };
}

interface CompiledRoute {
  readonly spec: HttpRouteSpec;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(spec: HttpRouteSpec): CompiledRoute | undefined {
  const space = spec.routeKey.indexOf(' ');
  if (space < 0) return undefined; // $default: not used by the read API
  const method = spec.routeKey.slice(0, space);
  const path = spec.routeKey.slice(space + 1);
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { spec, method, pattern: new RegExp(`^${source}$`), names };
}

export async function startHttpApi(options: HttpApiOptions): Promise<LocalHttpApi> {
  const { stack } = options;
  const routes = stack.model.httpRoutes;
  if (!routes.length) throw new Error('the template has no HTTP API route to a bundled function');
  const compiled = routes.map(compile).filter((r): r is CompiledRoute => r !== undefined);
  const page = options.web === false ? {} : await buildPage();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
      else res.destroy(error as Error);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // only this server's own names: a page elsewhere cannot reach it through DNS rebinding
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      send(res, 421, { 'content-type': 'text/plain' }, 'unexpected Host header\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const rawPath = (req.url ?? '/').split('?')[0] as string;
    const rawQuery = (req.url ?? '').includes('?')
      ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1)
      : '';
    const method = req.method ?? 'GET';
    const file = page[url.pathname];
    if (file && (method === 'GET' || method === 'HEAD')) {
      send(res, 200, { ...PAGE_HEADERS, 'content-type': file.type }, method === 'HEAD' ? '' : file.body);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      send(res, 204, PAGE_HEADERS, '');
      return;
    }
    let matched: { route: CompiledRoute; match: RegExpExecArray } | undefined;
    for (const route of compiled) {
      const match = route.method === method ? route.pattern.exec(rawPath) : null;
      if (match) {
        matched = { route, match };
        break;
      }
    }
    if (!matched) {
      // what API Gateway answers when no route matches
      send(res, 404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');
      return;
    }
    const body = await readBody(req);
    const pathParameters: Record<string, string> = {};
    matched.route.names.forEach((name, i) => {
      const raw = matched.match[i + 1] as string;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        pathParameters[name] = raw;
      }
    });
    const event = toEvent(req, matched.route.spec.routeKey, rawPath, rawQuery, pathParameters, body, port);
    const result = await stack.invoke(matched.route.spec.function, event);
    if (!result.ok) {
      send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
      return;
    }
    const mapped = fromResult(result.result);
    send(res, mapped.status, mapped.headers, mapped.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  return {
    url,
    webUrl: `${url}/`,
    routes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An API Gateway HTTP API event, payload format 2.0. */
function toEvent(
  req: IncomingMessage,
  routeKey: string,
  rawPath: string,
  rawQueryString: string,
  pathParameters: Record<string, string>,
  body: Buffer,
  port: number,
): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const now = new Date();
  const text = body.length ? body.toString('utf8') : undefined;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: `${HOST}:${port}`,
      domainPrefix: HOST,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? HOST,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(text !== undefined ? { body: text, isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}

/** API Gateway's mapping of a 2.0 function result to a response. */
function fromResult(result: unknown): {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
} {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string | number | boolean>;
      body?: string;
      isBase64Encoded?: boolean;
    };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const body = r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64') : (r.body ?? '');
    return { status: Number(r.statusCode), headers, body };
  }
  // anything else is a 200 JSON response of the value
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
  };
}
