import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig, type NewsIngestConfig } from './config.ts';
import { NewsIngestStack } from './stacks/news-ingest-stack.ts';

/** Construct id of the stack: its template is `cdk.out/NewsIngest.template.json` whatever the stage. */
export const STACK_ID = 'NewsIngest';

export interface ComposedApp {
  readonly config: NewsIngestConfig;
  readonly stack: NewsIngestStack;
  /** The cdk-nag pack registered on the app (call `validateScope(stack)` in tests). */
  readonly nag: AwsSolutionsChecks;
}

/**
 * Adds the news-ingest stack and the cdk-nag AwsSolutions checks to an app, configured from the
 * app's context. `infra/app.ts` calls this on the real app; tests call it on their own.
 */
export function composeApp(app: App): ComposedApp {
  const config = loadConfig(app.node);
  const stack = new NewsIngestStack(app, STACK_ID, {
    stackName: `news-ingest-${config.stage}`,
    description: `news-ingest (${config.stage}): S3 articles -> SQS -> Lambda -> entities and quotes in DynamoDB`,
    config,
  });
  Tags.of(stack).add('project', 'news-ingest');
  Tags.of(stack).add('stage', config.stage);
  const nag = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(nag);
  return { config, stack, nag };
}
