import { CfnResource, type RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface ProviderLogOptions {
  readonly retentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Gives every Lambda function of `stack` that has no log group of its own (CDK's providers: the
 * bucket notifications handler, the auto-delete provider) a log group with a retention, and points
 * the function at it (`LoggingConfig.LogGroup`). Without it Lambda creates `/aws/lambda/<name>` on
 * first run, kept forever. Call it once the stack's constructs exist.
 */
export function retainLogsOfProviderFunctions(stack: Stack, options: ProviderLogOptions): void {
  const functions = stack.node
    .findAll()
    .filter(
      (c): c is CfnResource => c instanceof CfnResource && c.cfnResourceType === 'AWS::Lambda::Function',
    );
  for (const fn of functions) {
    const props = (fn as unknown as { _cfnProperties?: Record<string, unknown> })._cfnProperties;
    const logging = (fn as unknown as { loggingConfig?: { logGroup?: unknown } }).loggingConfig;
    if (logging?.logGroup !== undefined || (props?.LoggingConfig as { LogGroup?: unknown })?.LogGroup)
      continue;
    const scope = fn.node.scope as Construct;
    const group = new logs.LogGroup(scope, `${fn.node.id}Logs`, {
      retention: options.retentionDays as logs.RetentionDays,
      removalPolicy: options.removalPolicy,
    });
    fn.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
    fn.node.addDependency(group);
  }
}
