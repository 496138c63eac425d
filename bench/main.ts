/**
 * `npm run bench [-- --quick] [-- --only a,b] [-- --json FILE]`: runs every benchmark area and prints its
 * figures; ratios are always against a baseline measured in the same run, on this machine.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { useNerModelFile } from '#adapters/node/ner-model-file.ts';

// the entity model from the committed artifact (the core reads no files)
useNerModelFile();

const AREAS = [
  ['extraction', 'extraction throughput on the bundled sample corpus'],
  ['html', 'web-page reading vs Readability.js, pages per CPU second'],
  ['ner', 'entity recognition vs compromise, model load'],
  ['quotes', 'quote extraction cost relative to entity extraction'],
  ['bundle', 'function bundle size and cold start'],
  ['adversarial', 'linear time on adversarial input'],
  ['budget', 'slowest record at the size caps (sizes the timeouts)'],
  ['e2e', 'local stack: burst throughput and latency'],
  ['api', 'read API: cold start, speaker query latency beside the CLI, page first render'],
  ['cold', 'read function cold start alone (the first figures of api)'],
] as const;

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run bench -- [--quick] [--only ${AREAS.map(([a]) => a).join(',')}] [--json FILE]\n\n${AREAS.map(([a, d]) => `  ${a.padEnd(12)} ${d}`).join('\n')}\n`,
  );
  process.exit(0);
}

const only = values.only ? new Set(values.only.split(',')) : undefined;
const results: Record<string, Record<string, number | string>> = {};
let failed = false;
for (const [area, description] of AREAS) {
  if (only && !only.has(area)) continue;
  process.stderr.write(`bench ${area}: ${description}…\n`);
  try {
    const mod = (await import(`./${area}.ts`)) as {
      run(opts: { quick: boolean }): Promise<Record<string, number | string>>;
    };
    const started = performance.now();
    results[area] = await mod.run({ quick: values.quick ?? false });
    process.stderr.write(`bench ${area}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed = true;
    results[area] = { error: error instanceof Error ? error.message : String(error) };
    process.stderr.write(`bench ${area}: FAILED: ${results[area].error}\n`);
  }
}

const machine = { node: process.version, platform: `${process.platform}-${process.arch}` };
for (const [area, figures] of Object.entries(results)) {
  process.stdout.write(`\n${area}\n`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) {
    const shown = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v;
    process.stdout.write(`  ${k.padEnd(width)}  ${shown}\n`);
  }
}
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  process.stderr.write(`wrote ${values.json}\n`);
}
process.exitCode = failed ? 1 : 0;
