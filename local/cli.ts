import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LocalHttpApi, startHttpApi } from './http-api.ts';
import { type ArticleReport, renderReport, reportsOf } from './report.ts';
import { decodeS3EventKey, type ObjectChange } from './s3-events.ts';
import { type LocalStack, startLocalStack } from './stack.ts';
import { ensureAssembly, PROJECT_ROOT } from './synth.ts';

const USAGE = `Usage: npm start -- [options] [FILE...]

Runs news-ingest on an embedded local stack (no AWS account, no Docker): DynamoDB Local (or
dynalite without Java), S3 and SQS (fauxqs), and the bundled ingest function from cdk.out, all
created from the synthesized CloudFormation template. Uploads the files (by default the sample
articles in events/articles/), waits until each is processed, and prints what the table holds.

Options:
  --json                 print one JSON document on stdout: { "articles": [ { "key", "status",
                         "title", "entities": [...], "quotes": [...], "error"? } ] } (progress on stderr)
  --serve                keep the stack running after the uploads and print one JSON line with its
                         endpoints, bucket, queues and table, until Ctrl-C (SIGINT) or SIGTERM;
                         also serves the read API and its web page on 127.0.0.1 ("apiEndpoint",
                         "webUrl" in that line)
  --port PORT            port of the read API and web page with --serve (default: a free port)
  --data-dir DIR         keep the table, the bucket's objects and the function log in DIR, to
                         find them again at the next start (default: a temporary directory,
                         removed at exit)
  --prefix PREFIX        object key prefix for the uploads (default: "articles/")
  --timeout SECONDS      how long to wait for each article (default: 120)
  --visibility-timeout SECONDS
                         override the queue's visibility timeout (the template's value by default),
                         so that a failed message is retried sooner
  --cdk-out DIR          the cloud assembly to run (default: cdk.out, synthesized when missing or
                         older than the sources)
  --synth                synthesize even if cdk.out looks current
  --skip-synth           run cdk.out as it is, even if older than the sources
  --dynalite             use dynalite even when Java is available
  --verbose              also copy the function's logs to stderr
  -h, --help             show this help

Examples:
  npm start
  npm start -- ../shared/data/seed/000_46fdc26a7eb5e5c7.txt
  npm start -s -- --json my-article.html
  npm start -- --serve
`;

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.text': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.xml': 'application/xml',
  '.gz': 'application/gzip',
};

export const SAMPLES_DIR = join(PROJECT_ROOT, 'events', 'articles');

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = Boolean(values.json);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const timeoutS = numberOption(values.timeout, 'timeout', 120);
  const visibility = values['visibility-timeout'];
  const visibilityTimeoutS =
    visibility === undefined ? undefined : numberOption(visibility, 'visibility-timeout', 0);
  if (Number.isNaN(timeoutS) || (visibilityTimeoutS !== undefined && Number.isNaN(visibilityTimeoutS))) {
    progress('error: --timeout and --visibility-timeout take a number of seconds');
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    progress('error: --port takes a port number (0 to 65535)');
    return 2;
  }

  // the files to upload
  let files: string[];
  if (positionals.length) files = positionals.map((f) => resolve(f));
  else files = listSamples();
  const missing = files.filter((f) => !existsSync(f) || !statSync(f).isFile());
  if (missing.length) {
    progress(`error: not a file: ${missing.join(', ')}`);
    return 2;
  }
  if (!files.length) progress(`note: no files given and no samples in ${SAMPLES_DIR}`);

  const stateDir = values['data-dir']
    ? resolve(values['data-dir'])
    : mkdtempSync(join(tmpdir(), 'news-ingest-local-'));
  const keepState = Boolean(values['data-dir']);
  mkdirSync(stateDir, { recursive: true });
  const logPath = join(stateDir, 'function.log');
  const logFile = createWriteStream(logPath, { flags: 'a' });
  const keyErrors = new Map<string, string>();
  const failedKeys = new Set<string>();
  const verbose = Boolean(values.verbose);

  let stack: LocalStack | undefined;
  let httpApi: LocalHttpApi | undefined;
  let serving = false;
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await httpApi?.stop().catch(() => {});
      await stack?.stop().catch(() => {});
      await new Promise<void>((r) => logFile.end(() => r()));
      if (!keepState) rmSync(stateDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`\n${signal}: stopping the local stack ...`);
    // stopping a serving stack is its normal end; an interrupted run is not a success
    void shutdown().then(() => process.exit(serving ? 0 : signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const { cdkOut } = values['skip-synth']
      ? { cdkOut: resolve(values['cdk-out'] ?? join(PROJECT_ROOT, 'cdk.out')) }
      : await ensureAssembly({
          ...(values['cdk-out'] ? { cdkOut: values['cdk-out'] } : {}),
          force: Boolean(values.synth),
          log: progress,
        });
    const started = performance.now();
    stack = await startLocalStack({
      cdkOut,
      ...(keepState ? { dataDir: stateDir } : {}),
      ...(visibilityTimeoutS !== undefined ? { visibilityTimeoutS } : {}),
      ...(values.dynalite ? { dynamo: 'dynalite' as const } : {}),
      log: progress,
      functionLog: (_id, chunk) => {
        logFile.write(chunk);
        if (verbose) process.stderr.write(chunk);
        for (const line of chunk.toString('utf8').split('\n')) noteError(line, keyErrors);
      },
      onBatch: (info) => {
        for (const body of info.failedBodies) for (const key of keysOf(body)) failedKeys.add(key);
        if (!info.result.ok)
          progress(`  the function failed: ${info.result.error?.name}: ${info.result.error?.message}`);
      },
    });
    progress(
      `local stack ready in ${Math.round(performance.now() - started)} ms (${stack.dynamoKind}); function logs: ${logPath}`,
    );

    const reports: ArticleReport[] = [];
    if (files.length) {
      const prefix = values.prefix ?? 'articles/';
      progress(`uploading ${files.length} file(s) to s3://${stack.bucket}/${prefix} ...`);
      const uploads: { key: string; change: ObjectChange }[] = [];
      for (const file of files) {
        const key = `${prefix}${basename(file)}`;
        const change = await stack.put(key, readFileSync(file), {
          contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        });
        uploads.push({ key, change });
      }
      for (const { key, change } of uploads) {
        const t = performance.now();
        const outcome = await waitForKey(stack, change, timeoutS * 1000, failedKeys, keyErrors);
        const got = reportsOf(key, outcome.stored, outcome.error);
        progress(`  ${key}: ${got[0]?.status ?? 'error'} (${Math.round(performance.now() - t)} ms)`);
        reports.push(...got);
      }
    }

    if (json) process.stdout.write(`${JSON.stringify({ articles: reports }, null, 2)}\n`);
    else if (reports.length) process.stdout.write(`\n${reports.map(renderReport).join('\n\n')}\n`);
    const failed = reports.some((r) => r.status === 'error');

    if (values.serve) {
      httpApi = await startHttpApi({ stack, ...(port !== undefined ? { port } : {}) });
      const line = {
        s3Endpoint: stack.endpoints.s3,
        sqsEndpoint: stack.endpoints.sqs,
        dynamodbEndpoint: stack.endpoints.dynamodb,
        region: stack.region,
        bucket: stack.bucket,
        queue: stack.queueUrl,
        dlq: stack.dlqUrl ?? null,
        table: stack.table,
        apiEndpoint: httpApi.url,
        webUrl: httpApi.webUrl,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      serving = true;
      progress(`serving; the read API and its page: ${httpApi.webUrl} (Ctrl-C to stop)`);
      await new Promise<never>(() => {}); // until a signal handler exits
    }
    if (failed && !keepState) progress(`function logs kept in ${logPath}`);
    await (failed ? stopKeepingLogs() : shutdown());
    return failed ? 1 : 0;
  } catch (error) {
    progress(`error: ${(error as Error).message}`);
    await shutdown();
    return 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }

  async function stopKeepingLogs(): Promise<void> {
    await stack?.stop().catch(() => {});
    await new Promise<void>((r) => logFile.end(() => r()));
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      prefix: { type: 'string' },
      timeout: { type: 'string' },
      'visibility-timeout': { type: 'string' },
      'cdk-out': { type: 'string' },
      synth: { type: 'boolean' },
      'skip-synth': { type: 'boolean' },
      dynalite: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function numberOption(raw: string | undefined, _name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}

export function listSamples(dir = SAMPLES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

/** The object keys an S3 notification message body is about. */
function keysOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { Records?: { s3?: { object?: { key?: string } } }[] };
    return (parsed.Records ?? []).flatMap((r) =>
      r.s3?.object?.key ? [decodeS3EventKey(r.s3.object.key)] : [],
    );
  } catch {
    return [];
  }
}

/** Remembers the last error the function logged for an object key (its logs carry `objectKey`). */
function noteError(line: string, errors: Map<string, string>): void {
  if (!line.startsWith('{') || !line.includes('"objectKey"')) return;
  try {
    const entry = JSON.parse(line) as {
      level?: string;
      message?: string;
      objectKey?: string;
      error?: { message?: string } | string;
    };
    if (entry.level !== 'ERROR' || !entry.objectKey) return;
    const detail = typeof entry.error === 'string' ? entry.error : entry.error?.message;
    errors.set(entry.objectKey, detail ? `${entry.message}: ${detail}` : String(entry.message));
  } catch {
    // not a structured log line
  }
}

async function waitForKey(
  stack: LocalStack,
  change: ObjectChange,
  timeoutMs: number,
  failedKeys: Set<string>,
  errors: Map<string, string>,
): Promise<{ stored?: Awaited<ReturnType<LocalStack['waitFor']>>; error?: string }> {
  const controller = new AbortController();
  const watch = setInterval(() => {
    if (failedKeys.has(change.key)) controller.abort();
  }, 50);
  try {
    return { stored: await stack.waitFor(change, { timeoutMs, signal: controller.signal }) };
  } catch (error) {
    const reason =
      errors.get(change.key) ??
      (controller.signal.aborted ? 'the function failed' : (error as Error).message);
    const retry = controller.signal.aborted
      ? ' (the message will be retried after the queue visibility timeout)'
      : '';
    return { error: `${reason}${retry}` };
  } finally {
    clearInterval(watch);
  }
}
