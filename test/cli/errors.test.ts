import { describe, expect, it } from 'vitest';
import { onceQuoted } from '../../functions/cli/commands/query.ts';
import { main } from '../../functions/cli/main.ts';
import { captureOutput } from '../support/capture.ts';

/** Runs the CLI in this process; returns its exit code and what it wrote on stdout and stderr. */
const cli = (argv: string[]) => captureOutput(() => main(argv));

describe('every CLI error is one clear line', () => {
  it('a missing --stack file', async () => {
    const r = await cli(['query', '--stack', '/nonexistent/stack.json', '--article', 'a.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^news-ingest query: --stack \/nonexistent\/stack\.json: no such file \(.*\)\n$/);
    expect(r.err).not.toMatch(/ENOENT/);
  });

  it('an unknown command, an unknown option, a bad option value', async () => {
    for (const argv of [
      ['nosuch'],
      ['parse', '--bogus'],
      ['query', '--speaker', 'x', '--limit', '0'],
      ['eval', 'nosuch'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.split('\n'), argv.join(' ')).toHaveLength(2); // one line and its newline
      expect(r.err, argv.join(' ')).toMatch(/^news-ingest[ :]/);
      expect(r.out).toBe('');
    }
  });
});

describe('quote text in query output', () => {
  it('is shown in marks once', () => {
    expect(onceQuoted('“Our members will vote,” she said')).toBe('"“Our members will vote,” she said"');
    expect(onceQuoted('"Our members will vote."')).toBe('"Our members will vote."');
    expect(onceQuoted('“Our members will vote.”')).toBe('“Our members will vote.”');
    expect(onceQuoted('the union would strike')).toBe('"the union would strike"');
  });
});
