import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Article } from '#core/types.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/articles/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}${name}`));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The body contract: paragraphs separated by exactly one blank line, nothing around. */
export function expectBodyContract(article: Article): void {
  const { body } = article;
  expect(body).toBe(body.trim());
  expect(body).not.toMatch(/\n{3,}/);
  for (const p of body.split('\n\n')) {
    if (!article.retracted) expect(p.length).toBeGreaterThan(0);
    expect(p).not.toMatch(/\n/);
    expect(p).toBe(p.trim());
  }
}
