import type { SourceMapPayload } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeStack } from '../../scripts/decode-stack.ts';

/** An invented module, bundled and minified the way the functions are, with its map. */
const SOURCE = [
  'export function parsePrice(input: string): number {',
  '  const value = Number(input);',
  "  if (Number.isNaN(value)) throw new Error('not a price: ' + input);",
  '  return value;',
  '}',
  '',
].join('\n');

async function bundled(): Promise<{ code: string; map: SourceMapPayload }> {
  const out = await build({
    stdin: { contents: SOURCE, loader: 'ts', sourcefile: 'functions/core/price.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    sourcemap: 'external',
    sourcesContent: false,
    outfile: 'index.mjs',
    write: false,
  });
  const file = (suffix: string) => out.outputFiles.find((f) => f.path.endsWith(suffix))!.text;
  return { code: file('index.mjs'), map: JSON.parse(file('index.mjs.map')) as SourceMapPayload };
}

describe('decodeStack', () => {
  it('maps a minified frame back to the line and column of the source', async () => {
    const { code, map } = await bundled();
    // the position of `throw` in the one-line bundle, as V8 would print it (1-based)
    const column = code.indexOf('throw') + 1;
    expect(column).toBeGreaterThan(0);
    const trace = `Error: not a price: ten\n    at s (file:///var/task/index.mjs:1:${column})\n    at node:internal/x:1:1`;
    const decoded = decodeStack(trace, map);
    expect(decoded).toContain('functions/core/price.ts:3:');
    expect(decoded).not.toContain('index.mjs:1:');
    expect(decoded).toContain('node:internal/x:1:1');
  });

  it('leaves a position the map does not cover as it was', async () => {
    const { map } = await bundled();
    const trace = '    at q (file:///var/task/index.mjs:40:7)';
    expect(decodeStack(trace, map)).toBe(trace);
  });
});
