import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Keeps a cloud assembly up to date for the local stack: synthesizes with the CDK CLI (what
 * `cdk deploy` runs), offline, when the assembly is missing or older than the sources it is built
 * from. Concurrent callers (two test files, `npm start` beside a test run) take a lock and the
 * assembly is swapped in whole, never read half-written.
 */

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CDK_OUT = join(PROJECT_ROOT, 'cdk.out');

/** What the assembly depends on: the app, the function sources, models, dependencies, CDK settings. */
const SOURCES = ['infra', 'functions', 'cdk.json', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export function sourcesMtime(root = PROJECT_ROOT): number {
  return Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
}

/** Why the assembly must be (re)built, or undefined when it is current. */
export function staleReason(cdkOut: string, root = PROJECT_ROOT): string | undefined {
  const manifest = join(cdkOut, 'manifest.json');
  if (!existsSync(manifest)) return `no cloud assembly in ${cdkOut}`;
  if (statSync(manifest).mtimeMs < sourcesMtime(root)) return 'the sources changed since the last synth';
  return undefined;
}

export interface EnsureOptions {
  readonly cdkOut?: string;
  /** Synthesize even when the assembly looks current. */
  readonly force?: boolean;
  readonly log?: (line: string) => void;
  readonly root?: string;
  /**
   * An id of the caller's run (a test run, say): an assembly synthesized by the same run is used
   * as it is, so that a run synthesizes at most once even while the sources keep changing.
   */
  readonly runToken?: string;
}

const TOKEN_FILE = '.synth-run';

function tokenOf(cdkOut: string): string | undefined {
  try {
    return readFileSync(join(cdkOut, TOKEN_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/** Returns the assembly directory, synthesizing it first when needed. */
export async function ensureAssembly(
  options: EnsureOptions = {},
): Promise<{ cdkOut: string; synthMs: number }> {
  const root = options.root ?? PROJECT_ROOT;
  const cdkOut = resolve(options.cdkOut ?? join(root, 'cdk.out'));
  const log = options.log ?? (() => {});
  const sameRun = () =>
    options.runToken !== undefined &&
    tokenOf(cdkOut) === options.runToken &&
    existsSync(join(cdkOut, 'manifest.json'));
  if (!options.force && sameRun()) return { cdkOut, synthMs: 0 };
  const reason = options.force ? 'requested' : staleReason(cdkOut, root);
  if (!reason) return { cdkOut, synthMs: 0 };
  // scratch space beside the assembly, in the git-ignored .local-stack/ directory
  const scratch = join(dirname(cdkOut), '.local-stack');
  mkdirSync(scratch, { recursive: true });
  const base = join(scratch, basename(cdkOut));
  const release = await lock(`${base}.lock`);
  try {
    // another process may have synthesized while this one waited for the lock
    const still = options.force ? reason : sameRun() ? undefined : staleReason(cdkOut, root);
    if (!still) return { cdkOut, synthMs: 0 };
    log(`synthesizing the CDK app (${still}) ...`);
    const started = performance.now();
    const tmp = `${base}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await runSynth(root, tmp);
    if (options.runToken !== undefined) writeFileSync(join(tmp, TOKEN_FILE), options.runToken);
    const old = `${base}.old-${process.pid}`;
    if (existsSync(cdkOut)) renameSync(cdkOut, old);
    renameSync(tmp, cdkOut);
    rmSync(old, { recursive: true, force: true });
    const synthMs = Math.round(performance.now() - started);
    log(`  synthesized into ${cdkOut} (${synthMs} ms)`);
    return { cdkOut, synthMs };
  } finally {
    release();
  }
}

function runSynth(root: string, outdir: string): Promise<void> {
  const cdk = join(root, 'node_modules', '.bin', 'cdk');
  const [command, args] = existsSync(cdk)
    ? [cdk, ['synth', '--quiet', '-o', outdir]]
    : ['npx', ['cdk', 'synth', '--quiet', '-o', outdir]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: {
        ...process.env,
        CDK_DISABLE_CLI_TELEMETRY: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // CDK's built-in CloudFormation validation only warns, and nobody reads this synth's
        // warnings; it costs about 10 s of CPU. The template and bundles are the same without it
        // (test/infra/bundle.test.ts runs it on the full synth). cdk-nag still runs.
        CDK_VALIDATION: process.env.CDK_VALIDATION ?? 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && existsSync(join(outdir, 'manifest.json'))) resolvePromise();
      else {
        rmSync(outdir, { recursive: true, force: true });
        reject(new Error(`cdk synth failed (exit ${code}):\n${output.trim()}`));
      }
    });
  });
}

/** A directory lock; a lock older than 5 minutes is considered abandoned. */
async function lock(path: string): Promise<() => void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(path).mtimeMs > 5 * 60_000) rmSync(path, { recursive: true, force: true });
      } catch {
        // removed meanwhile
      }
      if (Date.now() > deadline) throw new Error(`could not take the lock ${path}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
