import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type ComposedApp, composeApp } from '#infra/compose.ts';
import { projectContext } from '#infra/synth.ts';

export interface BuiltStack extends ComposedApp {
  readonly template: Template;
  /** Logical id of a construct's CloudFormation resource. */
  logicalId(construct: { node: { defaultChild?: unknown } }): string;
  /** The CloudFormation resource (Type, Properties, DeletionPolicy...) of a construct. */
  resource(construct: { node: { defaultChild?: unknown } }): CfnResourceJson;
  /** A construct's resource properties without `Tags` (pinned once, in their own test). */
  props(construct: { node: { defaultChild?: unknown } }): Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; tests compare it to literals
export type CfnResourceJson = { Type: string; Properties: Record<string, any>; [key: string]: any };

/** Resource properties without `Tags`. */
export function withoutTags(properties: Record<string, unknown>): Record<string, unknown> {
  const { Tags: _tags, ...rest } = properties;
  return rest;
}

/**
 * Builds the stack as `cdk synth` would (context of cdk.json plus `context`), without bundling
 * the function: unit tests pin the template, one test in bundle.test.ts builds the asset.
 */
export function buildStack(context: Record<string, unknown> = {}): BuiltStack {
  const app = new App({ context: { ...projectContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const composed = composeApp(app);
  const template = Template.fromStack(composed.stack);
  const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
    composed.stack.getLogicalId(construct.node.defaultChild as never);
  const resource = (construct: { node: { defaultChild?: unknown } }): CfnResourceJson => {
    const found = template.toJSON().Resources[logicalId(construct)] as CfnResourceJson | undefined;
    if (found === undefined) throw new Error(`no resource ${logicalId(construct)} in the template`);
    return found;
  };
  return {
    ...composed,
    template,
    logicalId,
    resource,
    props: (construct) => withoutTags(resource(construct).Properties),
  };
}

/** A template's resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as never;
}

export type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
};

/** Sorted list of actions of a statement. */
export function actionsOf(statement: Statement): string[] {
  return (Array.isArray(statement.Action) ? [...statement.Action] : [statement.Action]).sort();
}

/** `{ 'Fn::GetAtt': [id, 'Arn'] }` */
export function arnOf(logicalId: string): unknown {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}
