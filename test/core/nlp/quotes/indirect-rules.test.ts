import { describe, expect, it } from 'vitest';
import {
  REPORTING_VERBS,
  SPEECH_VERBS,
  STANCE_VERBS,
} from '../../../../functions/core/lexicon/speech-verbs.ts';
import { Document } from '../../../../functions/core/nlp/document.ts';
import { buildContext } from '../../../../functions/core/nlp/quotes/context.ts';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import {
  CUE_GUARD_RULES,
  CUE_SIEVE_RULES,
  INDIRECT_RULES,
  MODIFIER_RULES,
  SENTENCE_SIEVE_RULES,
} from '../../../../functions/core/nlp/quotes/indirect-rules.ts';
import { Discourse } from '../../../../functions/core/nlp/quotes/resolve.ts';
import { ALL_RULES } from '../../../../functions/core/nlp/quotes/rules.ts';
import type { Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

/** Reported clauses only, the confidence filter off: the rules alone. */
function reported(text: string, names: Parameters<typeof mentions>[1], disabled?: string): Quote[] {
  return findQuotes(text, mentions(text, names), {
    filter: null,
    disabled: new Set(disabled ? [disabled] : []),
  }).filter((q) => q.type === 'indirect');
}

describe('reported-speech rule registry', () => {
  it('ids are unique among every rule, each has a doc and an example', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of INDIRECT_RULES) {
      expect(ids).toContain(r.id);
      expect(r.id).toMatch(/^indirect(\.[a-z-]+)+$/);
      expect(r.doc.length).toBeGreaterThan(10);
      expect(r.examples.length).toBeGreaterThan(0);
    }
  });

  for (const rule of INDIRECT_RULES) {
    describe(rule.id, () => {
      rule.examples.forEach((ex, n) => {
        it(`decides example ${n + 1}, and switched off it no longer does`, () => {
          const on = reported(ex.text, ex.names ?? []);
          const off = reported(ex.text, ex.names ?? [], rule.id);
          if (ex.content === null) {
            expect(on.some((q) => q.text.includes(ex.absent!))).toBe(false);
            expect(off.some((q) => q.text.includes(ex.absent!))).toBe(true);
          } else {
            expect(on.map((q) => q.text)).toContain(ex.content);
            expect(off.map((q) => q.text)).not.toContain(ex.content);
          }
        });
      });
    });
  }

  it('every guard and modifier carries its match function, and the stage runs them in table order', () => {
    const guards = INDIRECT_RULES.filter((r) => r.kind === 'guard').map((r) => r.id);
    const modifiers = INDIRECT_RULES.filter((r) => r.kind === 'modifier').map((r) => r.id);
    expect(guards.length).toBeGreaterThan(0);
    expect(CUE_GUARD_RULES.map((r) => r.id)).toEqual(guards);
    expect(MODIFIER_RULES.map((r) => r.id)).toEqual(modifiers);
  });

  for (const guard of CUE_GUARD_RULES) {
    it(`${guard.id}: its match refuses a cue of each example, and no plain speech verb`, () => {
      for (const ex of guard.examples) {
        const ctx = buildContext(new Document(ex.text), mentions(ex.text, ex.names ?? []));
        const refused = ctx.toks.flatMap((t, v) => (t.word && guard.refuses(ctx, v) ? [t.text] : []));
        expect(refused.length, ex.text).toBeGreaterThan(0);
      }
      const text = 'Ines Varga said the harbor tax would rise next spring.';
      const ctx = buildContext(new Document(text), mentions(text, [['Ines Varga', 'PERSON']]));
      const said = ctx.toks.findIndex((t) => t.lower === 'said');
      expect(guard.refuses(ctx, said)).toBe(false);
    });
  }

  it('the sentence sieves carry their match functions, in table order', () => {
    expect(SENTENCE_SIEVE_RULES.map((r) => r.id)).toEqual(['indirect.according-to']);
  });

  for (const sieve of SENTENCE_SIEVE_RULES) {
    it(`${sieve.id}: its match reads the content of each example from its sentence`, () => {
      for (const ex of sieve.examples) {
        const ctx = buildContext(new Document(ex.text), mentions(ex.text, ex.names ?? []));
        const d = new Discourse(ctx);
        const got: string[] = [];
        for (let s = 0; s + 1 < ctx.sentStart.length; s++) {
          const s0 = ctx.sentStart[s]!;
          let end = ctx.sentStart[s + 1]!;
          while (end > s0 && !ctx.toks[end - 1]!.word) end--;
          const r = sieve.sentence(ctx, d, s0, end);
          if (r) {
            expect(r.rule).toBe(sieve.id);
            got.push(ex.text.slice(r.start, r.end));
          }
        }
        expect(got, ex.text).toContain(ex.content);
      }
      const text = 'Ines Varga said the harbor tax would rise next spring.';
      const ctx = buildContext(new Document(text), mentions(text, [['Ines Varga', 'PERSON']]));
      expect(sieve.sentence(ctx, new Discourse(ctx), 0, ctx.toks.length - 1)).toBeNull();
    });
  }

  it('the cue sieves carry their match functions, in table order', () => {
    const ids = INDIRECT_RULES.filter((r) => r.cue).map((r) => r.id);
    expect(CUE_SIEVE_RULES.map((r) => r.id)).toEqual(ids);
    expect(ids).toContain('indirect.trailing');
  });

  /** What a cue sieve reads from each speech or stance verb of the text (no fronted clause, no question). */
  function cueReadings(
    sieve: (typeof CUE_SIEVE_RULES)[number],
    text: string,
    names: Parameters<typeof mentions>[1],
  ) {
    const ctx = buildContext(new Document(text), mentions(text, names));
    const d = new Discourse(ctx);
    const got: { text: string; rule: string }[] = [];
    for (let s = 0; s + 1 < ctx.sentStart.length; s++) {
      const s0 = ctx.sentStart[s]!;
      let end = ctx.sentStart[s + 1]!;
      while (end > s0 && !ctx.toks[end - 1]!.word) end--;
      for (let v = s0; v < end; v++) {
        const w = ctx.toks[v]!.lower;
        if (!(REPORTING_VERBS.has(w) || SPEECH_VERBS.has(w) || STANCE_VERBS.has(w))) continue;
        const m = sieve.cue(ctx, d, { s0, end, v, fronted: -1, askAt: -1 });
        if (!m) continue;
        expect(m.next).toBeGreaterThanOrEqual(v);
        for (const r of m.found) got.push({ text: text.slice(r.start, r.end), rule: r.rule });
      }
    }
    return got;
  }

  for (const sieve of CUE_SIEVE_RULES) {
    it(`${sieve.id}: its match reads the content of each example from its cue verb`, () => {
      for (const ex of sieve.examples) {
        const got = cueReadings(sieve, ex.text, ex.names ?? []);
        expect(got, ex.text).toContainEqual({ text: ex.content, rule: sieve.id });
      }
    });
  }

  it('indirect.trailing: no content before a verb that opens its own clause or takes an object', () => {
    const trailing = CUE_SIEVE_RULES.find((r) => r.id === 'indirect.trailing')!;
    const names: Parameters<typeof mentions>[1] = [['Tom Reyes', 'PERSON']];
    expect(
      cueReadings(trailing, 'At the meeting on Tuesday, Tom Reyes said that the pier is safe.', names),
    ).toEqual([]);
    expect(
      cueReadings(trailing, 'At the meeting on Tuesday night, Tom Reyes announced a plan.', names),
    ).toEqual([]);
  });

  it('indirect.set-off: no whole sentence when the part after the attribution has one of its own', () => {
    const setOff = CUE_SIEVE_RULES.find((r) => r.id === 'indirect.set-off')!;
    const names: Parameters<typeof mentions>[1] = [['Tom Reyes', 'PERSON']];
    const text = 'The dam leaked for years, Tom Reyes said, and engineers say the repairs came far too late.';
    expect(cueReadings(setOff, text, names)).toEqual([]);
  });

  it('indirect.own-attribution: the scan goes on after the comma that closes the first attribution', () => {
    const own = CUE_SIEVE_RULES.find((r) => r.id === 'indirect.own-attribution')!;
    const text = 'Two ferries ran late, Tom Reyes said, and engineers say the engines need work.';
    const ctx = buildContext(new Document(text), mentions(text, [['Tom Reyes', 'PERSON']]));
    const v = ctx.toks.findIndex((t) => t.lower === 'said');
    const end = ctx.toks.length - 1;
    const m = own.cue(ctx, new Discourse(ctx), { s0: 0, end, v, fronted: -1, askAt: -1 })!;
    expect(m.found.map((r) => text.slice(r.start, r.end))).toEqual(['Two ferries ran late']);
    expect(ctx.toks[m.next]!.text).toBe(',');
    expect(m.next).toBe(v + 1);
    const say = ctx.toks.findIndex((t) => t.lower === 'say');
    expect(own.cue(ctx, new Discourse(ctx), { s0: 0, end, v: say, fronted: -1, askAt: -1 })).toBeNull();
  });

  it('keeps plain speech with a subject: "he plans to", "Reyes said"', () => {
    const text = 'Tom Reyes said the mill would hire forty people. He plans to open a second shift.';
    const got = reported(text, [['Tom Reyes', 'PERSON']]).map((q) => q.text);
    expect(got).toContain('the mill would hire forty people');
    expect(got).toContain('to open a second shift');
  });
});
