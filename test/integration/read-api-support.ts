import { type LocalHttpApi, startHttpApi } from '#local/http-api.ts';
import type { LocalStack } from '#local/stack.ts';
import { startProjectStack } from './support.ts';

/**
 * The local stack with its read API served over HTTP: what `npm start -- --serve` runs. Each test
 * file starts its own (a shared global setup can call the same function once).
 */
export interface ReadApiStack {
  readonly stack: LocalStack;
  readonly api: LocalHttpApi;
  stop(): Promise<void>;
}

export async function startReadApiStack(): Promise<ReadApiStack> {
  const stack = await startProjectStack();
  try {
    const api = await startHttpApi({ stack });
    return {
      stack,
      api,
      async stop() {
        await api.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export interface ArticleSpec {
  readonly title: string;
  readonly outlet?: string;
  readonly byline?: string;
  readonly deck?: string;
  readonly url?: string;
  readonly published?: string;
  readonly paragraphs: readonly string[];
}

/** An article as a JSON document (one of the formats the function reads). */
export function articleJson(a: ArticleSpec): string {
  return JSON.stringify({
    title: a.title,
    ...(a.deck ? { deck: a.deck } : {}),
    ...(a.byline ? { byline: a.byline } : {}),
    ...(a.outlet ? { source: a.outlet } : {}),
    ...(a.url ? { url: a.url } : {}),
    ...(a.published ? { published: a.published } : {}),
    body: a.paragraphs.join('\n\n'),
  });
}

/** Paragraphs of `count` distinct quotes by one speaker (invented text). */
export function quoteParagraphs(speaker: string, count: number, topic: string, from = 0): string[] {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) {
    out.push(`"The ${topic} plan, part ${i + 1}, needs another look before the vote," said ${speaker}.`);
  }
  return out;
}

/** Uploads articles and waits until the table holds each of them. */
export async function ingest(stack: LocalStack, articles: Record<string, string>): Promise<void> {
  const changes = [];
  for (const [key, body] of Object.entries(articles)) changes.push(await stack.put(key, body));
  for (const change of changes) {
    const stored = await stack.waitFor(change, { timeoutMs: 90_000 });
    if (stored?.status !== 'processed') throw new Error(`${change.key} was not processed: ${stored?.status}`);
  }
}

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function getJson<T = unknown>(api: LocalHttpApi, path: string): Promise<JsonResponse<T>> {
  const res = await fetch(`${api.url}${path}`);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as T };
}
