/**
 * `npm run -s test:load [-- --json FILE] [-- --uploads N --overwrites N --deletes N --bad N]`
 *
 * Pushes a concurrent burst through the embedded local stack (S3 + SQS in fauxqs, DynamoDB Local,
 * the bundled function polling the queue): uploads, overwrites, deletes, permanent deletions of
 * non-current versions and of delete markers (which bring the object back) and bad files, with
 * injected duplicate notifications, reordered (late, older) notifications, and consumer crashes
 * (messages received and abandoned, so SQS redelivers them after the visibility timeout). Then
 * reads every object back from the table and counts what is lost, corrupted or stale
 * (test/load/harness.ts). Exit code 1 unless lost, corrupted and stale are 0, present equals
 * expected, every bad file has its failure item and the DLQ is empty.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalStack } from '#local/stack.ts';
import { ensureAssembly } from '#local/synth.ts';
import { eventTracker, passed, runLoad } from './harness.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    uploads: { type: 'string', default: '2000' },
    overwrites: { type: 'string', default: '300' },
    deletes: { type: 'string', default: '200' },
    'noncurrent-deletes': { type: 'string', default: '100' },
    'marker-removals': { type: 'string', default: '50' },
    bad: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    'timeout-s': { type: 'string', default: '1200' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run -s test:load -- [--json FILE] [--uploads 2000] [--overwrites 300] [--deletes 200] [--noncurrent-deletes 100] [--marker-removals 50] [--bad 100] [--concurrency 4] [--timeout-s 1200]\n',
  );
  process.exit(0);
}
const count = (
  name:
    | 'uploads'
    | 'overwrites'
    | 'deletes'
    | 'noncurrent-deletes'
    | 'marker-removals'
    | 'bad'
    | 'concurrency'
    | 'timeout-s',
) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
};
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const log = (line: string) => process.stderr.write(`${line}\n`);

const { cdkOut } = await ensureAssembly({ log });
const tracker = eventTracker();
const stack = await startLocalStack({
  cdkOut,
  log,
  visibilityTimeoutS: 2,
  concurrency: Math.max(1, count('concurrency')),
  onBatch: tracker.onBatch,
});

let exitCode = 1;
try {
  const { figures, problems } = await runLoad(
    stack,
    tracker,
    {
      uploads: count('uploads'),
      overwrites: count('overwrites'),
      deletes: count('deletes'),
      noncurrentDeletes: count('noncurrent-deletes'),
      markerRemovals: count('marker-removals'),
      bad: count('bad'),
      timeoutS: count('timeout-s'),
    },
    log,
  );
  const all = {
    ...figures,
    dynamo: stack.dynamoKind,
    concurrency: stack.pollers[0]?.concurrency ?? 0,
  };
  const width = Math.max(...Object.keys(all).map((k) => k.length));
  process.stdout.write(
    `\nload test\n${Object.entries(all)
      .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
      .join('\n')}\n`,
  );
  for (const p of problems.slice(0, 20)) log(`  ${p}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(all, null, 2)}\n`);
  const ok = passed(figures);
  log(ok ? 'load: PASS' : 'load: FAIL');
  exitCode = ok ? 0 : 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
