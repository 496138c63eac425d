import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STACK_ID } from '#infra/compose.ts';
import {
  bundleInspectionOptions,
  INGEST_ENTRY,
  NER_MODEL_ARTIFACT,
  NER_MODEL_ASSET_NAME,
  PROJECT_ROOT,
} from '#infra/constructs/ingest-function.ts';
import { READ_API_ENTRY } from '#infra/constructs/read-api.ts';
import { type SynthesizeResult, synthesize } from '#infra/synth.ts';

// Bundling and child processes take seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

type FunctionJson = {
  Type: string;
  Properties: { Handler: string; Environment: { Variables: Record<string, unknown> } };
  Metadata: Record<string, unknown>;
};

/** The one test that really bundles: the asset builds with the local esbuild and is a loadable ES module. */
describe('ingest function bundle', () => {
  let outdir: string;
  let result: SynthesizeResult;
  let fn: FunctionJson;
  let readFn: FunctionJson;
  let assetDir: string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'news-ingest-cdk-'));
    result = synthesize({ outdir });
    const functions = Object.entries(result.template.Resources as Record<string, FunctionJson>).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:is-bundled'] === true,
    );
    // the ingest function, and the read API's function
    expect(functions.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'IngestFunction',
      'ReadApiFunction',
    ]);
    fn = functions.find(([id]) => id.startsWith('Ingest'))?.[1] as FunctionJson;
    readFn = functions.find(([id]) => id.startsWith('ReadApi'))?.[1] as FunctionJson;
    assetDir = join(outdir, fn.Metadata['aws:asset:path'] as string);
  }, 180_000);

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it("passes CDK's CloudFormation validation and cdk-nag on the full synth: the report lists no finding", () => {
    // the other infra tests build without the built-in validation (see build-stack.ts)
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    expect(
      report.pluginReports.flatMap((r) => r.violations.map((v) => ({ plugin: r.pluginName, v }))),
    ).toEqual([]);
  });

  it('writes the stack template named after the stack id', () => {
    expect(result.templatePath).toBe(join(outdir, `${STACK_ID}.template.json`));
    expect(fn.Properties.Handler).toBe('index.handler');
  });

  it('is one minified ES module with the createRequire banner and a source map', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.split('\n', 1)[0]).toMatch(
      /^import \{ createRequire as \w+ \} from 'node:module'; const require = /,
    );
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    // Minified: far fewer lines than bytes.
    expect(code.split('\n').length).toBeLessThan(code.length / 1000);
  });

  it('bundles every dependency, the AWS SDK and Powertools included', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    const bareImports = [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["']([^"'.][^"']*)["']/g)]
      .map((m) => m[1] as string)
      // Only what can be a module specifier (minified code also has `from(",")`-like calls).
      .filter((spec) => /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]+)?$/i.test(spec))
      .filter((spec) => !spec.startsWith('node:'));
    const builtins = new Set(
      (
        execFileSync(process.execPath, ['-p', 'require("module").builtinModules.join(",")'], {
          encoding: 'utf8',
        }) as string
      )
        .trim()
        .split(','),
    );
    // The SDK names these optional SigV4a signers in error messages ("register the package by
    // calling [require(...)]"); they are never loaded for S3, DynamoDB or SQS in one region.
    const optional = new Set(['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a']);
    expect(
      bareImports.filter((spec) => !builtins.has(spec.split('/')[0] as string) && !optional.has(spec)),
    ).toEqual([]);
    expect(code).toContain('DynamoDBClient');
    expect(code).toContain('POWERTOOLS_SERVICE_NAME');
  });

  it('loads in a fresh Node process, outside the project (no node_modules to fall back on), and exports the handler', () => {
    expect(assetDir.startsWith(tmpdir())).toBe(true);
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(fn.Properties.Environment.Variables)) {
      env[name] = typeof value === 'string' ? value : `resolved-${name.toLowerCase()}`;
    }
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(assetDir, 'index.mjs'))}); console.log(typeof m.handler);`,
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          POWERTOOLS_DEV: 'false',
        },
      },
    );
    expect(out.trim()).toBe('function');
  });

  it('ships the entity model as the binary artifact beside index.mjs, never inside the JavaScript', async () => {
    // Buffer.equals: a deep toEqual over 6 MB of bytes takes a minute
    const shipped = readFileSync(join(assetDir, NER_MODEL_ASSET_NAME));
    expect(shipped.length).toBeGreaterThan(1_000_000);
    expect(shipped.equals(readFileSync(join(PROJECT_ROOT, NER_MODEL_ARTIFACT)))).toBe(true);
    const result = await build(bundleInspectionOptions(INGEST_ENTRY));
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('functions/core/nlp/entities/recognize.ts');
    expect(inputs.filter((path) => /^functions\/core\/model\/ner-model\./.test(path))).toEqual([]);
    // what is left is code: the asset's JavaScript stays far under the 2.4 MB model
    expect(readFileSync(join(assetDir, 'index.mjs')).length).toBeLessThan(2_000_000);
  });

  it('builds the read API function the same way: small, self-contained, loadable outside the project', () => {
    const dir = join(outdir, readFn.Metadata['aws:asset:path'] as string);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*["'](?!node:)[@a-z]/);
    // no entity model inside: the read side never extracts
    expect(code.length).toBeLessThan(1_000_000);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(dir, 'index.mjs'))}); console.log(typeof m.handler);`,
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          TABLE_NAME: 'articles',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    expect(out.trim()).toBe('function');
  });
});

/** What the read function's cold start pays for: only the reader, the SDK's DynamoDB client and the logger. */
describe('read function bundle contents', () => {
  it('holds no entity model, no article parser and no extraction code', async () => {
    const result = await build(bundleInspectionOptions(READ_API_ENTRY));
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('functions/read/api.ts');
    // the name keys (entities/identity.ts) and the sequencer order are shared with the write side
    const heavy = inputs.filter(
      (path) =>
        /^functions\/core\/(model|article|nlp\/quotes)\//.test(path) ||
        /^functions\/core\/nlp\/(extract|entities\/(recognize|features|model))\.ts$/.test(path) ||
        path === 'functions/ingest/ingest-object.ts' ||
        /node_modules\/(htmlparser2|@mozilla\/readability|fflate|@aws-sdk\/client-s3|@aws-lambda-powertools\/tracer)\//.test(
          path,
        ),
    );
    expect(heavy).toEqual([]);
  });
});
