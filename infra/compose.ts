import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig, type NewsIngestConfig } from './config.ts';
import { NewsIngestDataStack } from './stacks/news-ingest-data-stack.ts';
import { NewsIngestStack } from './stacks/news-ingest-stack.ts';

/**
 * Construct ids of the two stacks: templates `cdk.out/NewsIngestData.template.json` (stateful)
 * and `cdk.out/NewsIngest.template.json` (stateless) whatever the stage.
 */
export const DATA_STACK_ID = 'NewsIngestData';
export const STACK_ID = 'NewsIngest';

export interface ComposedApp {
  readonly config: NewsIngestConfig;
  /** The stateful stack: bucket, table, queues. */
  readonly data: NewsIngestDataStack;
  /** The stateless stack: function, alarms, topic, dashboard, operator policies. */
  readonly stack: NewsIngestStack;
  /** The cdk-nag pack registered on the app (call `validateScope(stack)` in tests). */
  readonly nag: AwsSolutionsChecks;
}

/**
 * Adds the news-ingest stacks and the cdk-nag AwsSolutions checks to an app, configured from the
 * app's context. `infra/app.ts` calls this on the real app; tests call it on their own.
 */
export function composeApp(app: App): ComposedApp {
  const config = loadConfig(app.node);
  const common = {
    config,
    terminationProtection: config.terminationProtection,
    ...(config.account || config.region
      ? {
          env: {
            ...(config.account ? { account: config.account } : {}),
            ...(config.region ? { region: config.region } : {}),
          },
        }
      : {}),
  };
  const data = new NewsIngestDataStack(app, DATA_STACK_ID, {
    ...common,
    stackName: `news-ingest-${config.stage}-data`,
    description: `news-ingest (${config.stage}), data: articles bucket, table, notification queues`,
  });
  const stack = new NewsIngestStack(app, STACK_ID, {
    ...common,
    data,
    stackName: `news-ingest-${config.stage}`,
    description: `news-ingest (${config.stage}): S3 articles -> SQS -> Lambda -> entities and quotes in DynamoDB`,
  });
  for (const s of [data, stack]) {
    Tags.of(s).add('project', 'news-ingest');
    Tags.of(s).add('stage', config.stage);
  }
  const nag = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(nag);
  return { config, data, stack, nag };
}
