/**
 * Turns a stack trace logged by a deployed function (minified bundle, `index.mjs:LINE:COLUMN`) back
 * into source positions with the source map shipped beside the bundle (`index.mjs.map`, in the
 * function's asset under cdk.out, or from `npm run synth` of the same commit). The functions run
 * without `--enable-source-maps`, which cost 40-50 ms of every cold start; the map is read here,
 * offline, only when someone needs a trace.
 *
 *   npm run -s decode-stack -- cdk.out/asset.<hash>/index.mjs.map < trace.txt
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A frame's bundle position: `index.mjs:LINE:COLUMN` (1-based, as V8 prints them). */
const FRAME = /index\.mjs:(\d+):(\d+)/g;

/** A map source as a path from the project root (`functions/…`, `node_modules/…`). */
function sourcePath(source: string): string {
  const m = /(?:^|\/)((?:node_modules|functions|infra|local|scripts|bin)\/.*)$/.exec(source);
  return m ? m[1]! : source.replace(/^(?:\.\.\/)+/, '');
}

/** `text` with every bundle position replaced by its source position (and the original name). */
export function decodeStack(text: string, payload: SourceMapPayload): string {
  const map = new SourceMap(payload);
  return text.replace(FRAME, (whole, line: string, column: string) => {
    const e = map.findEntry(Number(line) - 1, Number(column) - 1) as {
      generatedLine?: number;
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
      name?: string;
    };
    // no mapping on that line of the bundle: not a position of this map
    if (e.originalSource === undefined || e.originalLine === undefined) return whole;
    if (e.generatedLine !== Number(line) - 1) return whole;
    const at = `${sourcePath(e.originalSource)}:${e.originalLine + 1}:${(e.originalColumn ?? 0) + 1}`;
    return e.name ? `${at} [${e.name}]` : at;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mapFile = process.argv[2];
  if (!mapFile) {
    process.stderr.write('usage: npm run -s decode-stack -- PATH/index.mjs.map < trace.txt\n');
    process.exit(2);
  }
  const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload;
  process.stdout.write(decodeStack(readFileSync(0, 'utf8'), payload));
}
