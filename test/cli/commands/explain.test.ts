import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../../functions/cli/commands/explain.ts';
import { captureOutput } from '../../support/capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'explain-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in this process; returns its exit code, stdout and stderr. */
const runCommand = (argv: string[]) => captureOutput(() => command.run(argv));

const TEXT = [
  'Ferry Service Cut',
  'The port authority met on Monday to review the ferry timetable.',
  '"We cannot run boats without crews," Nadia Brook said.',
  '"The winter schedule starts next week."',
].join('\n\n');

describe('news-ingest explain', () => {
  it('shows, per quotation, the speaker, the rules that fired with their docs, candidates and why', async () => {
    const file = join(dir, 'ferry.txt');
    writeFileSync(file, TEXT);
    const r = await runCommand([file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 direct quotation(s)');
    const [, first, second] = r.out.split(/\n\[\d+\] /);
    expect(first).toMatch(/speaker: Nadia Brook/);
    expect(first).toMatch(/cue: "said"/);
    expect(first).toMatch(/tail\.subject-verb +"…," X said/);
    expect(first).toMatch(/why: the cue rule tail\.subject-verb found "Nadia Brook"/);
    expect(second).toMatch(/reached by: continued/);
    expect(second).toMatch(/continue\.next-paragraph/);
    expect(second).toMatch(/candidates \(speaker model scores, best first\):\n +-?\d+\.\d{3} {2}Nadia Brook/);
    expect(second).toMatch(/nobody/);
    expect(second).toMatch(/why: no cue; .*scored Nadia Brook highest/);
  });

  it('shows, per reported quotation, the rule, cue, content, guards, speaker, candidates and why', async () => {
    const file = join(dir, 'reported.txt');
    writeFileSync(
      file,
      'Dock Repairs\n\nThe east dock will stay closed until June, Nadia Brook said.\n\nThe harbor board decided the fees would rise.',
    );
    const r = await runCommand([file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 reported quotation(s) and refused cue(s)');
    const [, first, second] = r.out.split(/\n\[R\d+\] /);
    expect(first).toMatch(/^"The east dock will stay closed until June" \(offsets \d+–\d+\)\n/);
    expect(first).toMatch(/rule: indirect\.trailing +`CONTENT, X said\.`/);
    expect(first).toMatch(/cue: "said" at \d+–\d+/);
    expect(first).toMatch(/content: \d+–\d+/);
    expect(first).toMatch(/indirect\.no-decision +passed/);
    expect(first).toMatch(/speaker: Nadia Brook \(the phrase between the comma and the verb/);
    expect(first).toMatch(/confidence: \d\.\d{3} \(threshold /);
    expect(first).toMatch(
      /candidates \(speaker model scores, for comparison; the rule's pick stands\):\n +-?\d+\.\d{3} {2}Nadia Brook \("Nadia Brook"\) \(rule's pick\)/,
    );
    expect(first).toMatch(/why: indirect\.trailing read the clause at the cue "said"/);
    expect(second).toMatch(/^cue "decided" .*DROPPED \(a guard refused the cue\)/);
    expect(second).toMatch(/indirect\.no-decision +fired/);
  });

  it('--json gives each quotation with its trace', async () => {
    const file = join(dir, 'ferry2.txt');
    writeFileSync(file, TEXT);
    const r = await runCommand(['--json', file]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      file: string;
      articles: { quotes: { quote: { speaker: { name: string } } | null; trace: { rules: string[] } }[] }[];
    };
    expect(doc.file).toBe(file);
    const quotes = doc.articles[0]!.quotes;
    expect(quotes.map((q) => q.quote?.speaker.name)).toEqual(['Nadia Brook', 'Nadia Brook']);
    expect(quotes[0]!.trace.rules).toContain('tail.subject-verb');
  });

  it('lists a dropped quotation as dropped, with why', async () => {
    const file = join(dir, 'title.txt');
    writeFileSync(file, 'Critics praised the film "Salt and Smoke" at the festival on Friday.');
    const r = await runCommand([file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"Salt and Smoke\\"" \(offsets \d+–\d+\) DROPPED/);
  });

  it('usage errors: no file, bad --candidates', async () => {
    await expect(command.run([])).rejects.toThrow(/give one or more article files/);
    await expect(command.run(['--candidates', 'x', 'f.txt'])).rejects.toThrow(/whole number/);
  });

  it('a missing file is one line on stderr and exit 1', async () => {
    const r = await runCommand([join(dir, 'nope.txt')]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
