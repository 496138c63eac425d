import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * functions/core is pure TypeScript: no AWS SDK, no filesystem or other Node built-in, no
 * environment, no clock, no randomness, and no import of the layers around it. Every file is
 * read as TypeScript (comments and strings do not count).
 */

const CORE = fileURLToPath(new URL('../../functions/core/', import.meta.url));

const FORBIDDEN_CALLS = ['Date.now', 'performance.now', 'Math.random', 'process.hrtime'];

/** What one source file does that the core may not. */
function boundaryViolations(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(CORE, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const checkSpecifier = (spec: string, node: ts.Node) => {
    if (spec.startsWith('@aws-sdk/') || spec.startsWith('@aws-lambda-powertools/'))
      out.push(`${where(node)} imports ${spec}`);
    else if (
      spec.startsWith('node:') ||
      [
        'fs',
        'fs/promises',
        'path',
        'os',
        'child_process',
        'http',
        'https',
        'net',
        'crypto',
        'process',
        'worker_threads',
      ].includes(spec)
    )
      out.push(`${where(node)} imports the Node built-in ${spec}`);
    else if (spec.startsWith('#') && !spec.startsWith('#core/'))
      out.push(`${where(node)} imports ${spec} (outside the core)`);
    else if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(CORE)) out.push(`${where(node)} imports ${spec} (outside the core)`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      checkSpecifier(node.moduleSpecifier.text, node);
    if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      if (
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
        arg &&
        ts.isStringLiteral(arg)
      )
        checkSpecifier(arg.text, node);
      const callee = node.expression.getText(sf);
      if (FORBIDDEN_CALLS.includes(callee))
        out.push(`${where(node)} calls ${callee}() (a clock or randomness)`);
    }
    if (
      ts.isNewExpression(node) &&
      node.expression.getText(sf) === 'Date' &&
      (node.arguments?.length ?? 0) === 0
    )
      out.push(`${where(node)} reads the clock (new Date())`);
    if (ts.isPropertyAccessExpression(node) && node.expression.getText(sf) === 'process')
      out.push(`${where(node)} uses process.${node.name.text}`);
    if (
      ts.isIdentifier(node) &&
      ['require', '__dirname', '__filename'].includes(node.text) &&
      !ts.isPropertyAccessExpression(node.parent)
    )
      out.push(`${where(node)} uses ${node.text}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('the core import boundary', () => {
  const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(CORE, f));

  // parsing every core file takes a few seconds on a loaded machine
  it('holds for every file under functions/core', { timeout: 60_000 }, () => {
    expect(files.length).toBeGreaterThan(30);
    const violations = files.flatMap((f) => boundaryViolations(f, readFileSync(f, 'utf8')));
    expect(violations).toEqual([]);
  });

  it.each([
    ["import { S3Client } from '@aws-sdk/client-s3';", /imports @aws-sdk\/client-s3/],
    ["import { readFileSync } from 'node:fs';", /Node built-in node:fs/],
    ["import fs from 'fs';", /Node built-in fs/],
    ["const x = await import('node:fs/promises');", /Node built-in node:fs\/promises/],
    ['export const t = process.env.TABLE;', /process\.env/],
    ['export const t = Date.now();', /Date\.now\(\)/],
    ['export const t = new Date();', /new Date\(\)/],
    ['export const r = Math.random();', /Math\.random/],
    ["import { ingestObject } from '#ingest/ingest-object.ts';", /outside the core/],
    ["import { x } from '../../adapters/aws/clients.ts';", /outside the core/],
  ])('catches %s', (code, message) => {
    const violations = boundaryViolations(join(CORE, 'nlp', 'example.ts'), code);
    expect(violations.join('\n')).toMatch(message);
  });

  it('lets pure code through: dates from data, comments and strings that name forbidden things', () => {
    const code = [
      "import { extract } from './extract.ts';",
      "import type { Article } from '#core/types.ts';",
      '// no process.env, no Date.now() here',
      "export const s = 'node:fs and @aws-sdk are only words here';",
      'export const d = (iso: string) => new Date(iso);',
    ].join('\n');
    expect(boundaryViolations(join(CORE, 'nlp', 'example.ts'), code)).toEqual([]);
  });
});
