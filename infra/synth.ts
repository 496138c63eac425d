import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { type ComposedApp, composeApp, STACK_ID } from './compose.ts';

/** The project's `cdk.json`, whose context holds the feature flags the CLI would pass. */
const CDK_JSON = new URL('../cdk.json', import.meta.url);

export interface SynthesizeOptions {
  /** Where to write the cloud assembly (for example `cdk.out`, or a temporary directory). */
  readonly outdir: string;
  /** Extra context, as with `cdk synth -c key=value` (see `config.ts`). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Build the function bundle (default true). `false` writes the template without the asset. */
  readonly bundle?: boolean;
}

export interface SynthesizeResult {
  /** Absolute path of the stack's CloudFormation template. */
  readonly templatePath: string;
  /** The parsed template. */
  readonly template: Record<string, unknown>;
  /** The cloud assembly as written. */
  readonly assembly: CloudAssembly;
  /** The composed app (stack, config, cdk-nag pack). */
  readonly composed: ComposedApp;
}

/** The context of `cdk.json` (feature flags and project defaults). */
export function projectContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return { ...parsed.context };
}

/**
 * Synthesizes the app in process, as `cdk synth` does (same context from `cdk.json`, same
 * cdk-nag validation, which throws on an unacknowledged finding), without the CLI.
 */
export function synthesize(options: SynthesizeOptions): SynthesizeResult {
  const context: Record<string, unknown> = {
    // What the CLI passes, so the assembly has the same shape as `cdk synth`'s (asset metadata
    // on the function, construct paths, the CDKMetadata resource).
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:version-reporting': true,
    ...projectContext(),
    ...options.context,
  };
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ outdir: options.outdir, context });
  const composed = composeApp(app);
  const assembly = app.synth();
  const templatePath = join(assembly.directory, assembly.getStackArtifact(STACK_ID).templateFile);
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as Record<string, unknown>;
  return { templatePath, template, assembly, composed };
}
