/**
 * Step 5: quotations with no cue of their own. A quotation in the same paragraph as an attributed
 * one continues its speaker; a paragraph that opens with a quotation and names nobody continues
 * the speaker of the previous paragraph's last quotation, as news convention has it.
 */

import type { Ctx } from './context.ts';
import type { Resolved } from './resolve.ts';
import { RuleSwitches } from './switches.ts';

/** Longest stretch of narration between two quotations of one speaker in a paragraph. */
const MAX_GAP = 400;

export interface Attributed {
  readonly start: number;
  readonly end: number;
  readonly paragraph: number;
  readonly lastParagraph: number;
  speaker: Resolved | null;
  continued: boolean;
  /** Ids of the rules that fired for it. */
  readonly rules?: string[];
}

/** What may stand between two quotations of one sentence credited together: `“A” and “B,” X said`. */
const JOINED = /^\s*(?:[,;]\s*)?(?:(?:and|or|but)\s+)?$/;

/** Fills in speakers of uncued quotations from their neighbours. `items` are in text order. */
export function continueSpeakers(ctx: Ctx, items: Attributed[], rules = new RuleSwitches()): void {
  const fire = (q: Attributed, id: string) => {
    q.rules?.push(id);
  };
  for (let i = 0; i < items.length; i++) {
    const q = items[i]!;
    if (q.speaker) continue;
    const prev = items[i - 1];
    if (
      prev?.speaker &&
      prev.lastParagraph === q.paragraph &&
      q.start - prev.end < MAX_GAP &&
      rules.on('continue.same-paragraph')
    ) {
      q.speaker = prev.speaker;
      q.continued = true;
      fire(q, 'continue.same-paragraph');
      continue;
    }
    const para = ctx.paras[q.paragraph]!;
    const opensParagraph = q.start === para.start;
    if (
      prev?.speaker &&
      opensParagraph &&
      prev.lastParagraph === q.paragraph - 1 &&
      rules.on('continue.next-paragraph')
    ) {
      q.speaker = prev.speaker;
      q.continued = true;
      fire(q, 'continue.next-paragraph');
    }
  }
  // Backwards within a paragraph: `"A." "B," he said.`, `“A” and “B,” X said.`
  for (let i = items.length - 2; i >= 0; i--) {
    const q = items[i]!;
    const next = items[i + 1]!;
    if (q.speaker || !next.speaker || next.continued) continue;
    if (next.paragraph !== q.lastParagraph) continue;
    if (!JOINED.test(ctx.text.slice(q.end, next.start)) || !rules.on('continue.backwards')) continue;
    q.speaker = next.speaker;
    q.continued = true;
    fire(q, 'continue.backwards');
  }
}
