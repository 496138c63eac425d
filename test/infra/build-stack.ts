import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type ComposedApp, composeApp } from '#infra/compose.ts';
import { projectContext } from '#infra/synth.ts';

export interface BuiltStack extends ComposedApp {
  /** The stateless stack's template (function, alarms, topic, dashboard, policies). */
  readonly template: Template;
  /** The stateful stack's template (buckets, table, queues). */
  readonly dataTemplate: Template;
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
 * Builds the stacks as `cdk synth` would (context of cdk.json plus `context`), without bundling
 * the function: unit tests pin the templates, one test in bundle.test.ts builds the asset.
 * Without CDK's built-in CloudFormation validation either (its engine takes about 10 s of CPU to
 * start in every test file): bundle.test.ts runs it once, on the full synth, and expects no
 * finding. cdk-nag runs where a test asks for it (`validateScope`).
 */
export function buildStack(context: Record<string, unknown> = {}): BuiltStack {
  const app = new App({
    context: { ...projectContext(), 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
  const composed = composeApp(app);
  const template = Template.fromStack(composed.stack);
  const dataTemplate = Template.fromStack(composed.data);
  const logicalId = (construct: { node: { defaultChild?: unknown } }): string => {
    const child = construct.node.defaultChild as never;
    return Stack.of(child).getLogicalId(child);
  };
  const resource = (construct: { node: { defaultChild?: unknown } }): CfnResourceJson => {
    const stack = Stack.of(construct.node.defaultChild as never);
    const t = stack === composed.data ? dataTemplate : template;
    const found = t.toJSON().Resources[logicalId(construct)] as CfnResourceJson | undefined;
    if (found === undefined) throw new Error(`no resource ${logicalId(construct)} in the template`);
    return found;
  };
  return {
    ...composed,
    template,
    dataTemplate,
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

/** `{ 'Fn::ImportValue': '<data stack>:<name>' }`: a value the app stack takes from the data stack. */
export function imported(built: BuiltStack, name: string): unknown {
  return { 'Fn::ImportValue': built.data.exportName(name) };
}
