import type { Command } from '../command.ts';

const KINDS = ['ner', 'quotes', 'html'] as const;

const usage = `usage: news-ingest eval <kind> --data PATH [options]

kinds:
  ner     entity precision/recall/F1 per type (conlleval semantics) on a CoNLL-format file;
          with --news, exact-span scores on the hand-annotated news bodies of the article-html data
  quotes  direct-quote F1, attribution accuracy, end-to-end F1 and indirect-speech scores on PolNeAR-format data (DIR with text/ and attributions/)
  html    article-body F1 (4-token shingles, averaged per page) on the article-html set, with Readability.js scored the same way

examples:
  npm run eval -- ner --data ../shared/data/conll2003/valid.txt
  npm run eval -- ner --news --errors
  npm run eval -- quotes --data ../shared/data/polnear/dev
  npm run eval -- html --data ../shared/data/article-html`;

export const command: Command = {
  name: 'eval',
  summary: 'score extraction on gold data',
  usage,
  async run(argv) {
    const [kind, ...rest] = argv;
    if (!kind || kind === '--help' || kind === '-h') {
      process.stdout.write(`${usage}\n`);
      return kind ? 0 : 2;
    }
    if (!(KINDS as readonly string[]).includes(kind)) {
      process.stderr.write(
        `news-ingest eval: unknown kind '${kind}' (expected ${KINDS.join(', ')})\n\n${usage}\n`,
      );
      return 2;
    }
    const mod = (await import(`../eval/${kind}.ts`)) as { run(argv: string[]): Promise<number> };
    return mod.run(rest);
  },
};
