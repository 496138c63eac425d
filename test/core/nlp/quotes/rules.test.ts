import { describe, expect, it } from 'vitest';
import { explainQuotes, findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import { RULES } from '../../../../functions/core/nlp/quotes/rules.ts';
import { mentions } from './helpers.ts';

describe('rule registry', () => {
  it('ids are unique, each rule has a doc and at least one example', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
      expect(r.doc.length).toBeGreaterThan(10);
      expect(r.examples.length).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      rule.examples.forEach((ex, n) => {
        it(`fires on example ${n + 1}`, () => {
          const { quotes, traces } = explainQuotes(ex.text, mentions(ex.text, ex.names ?? []));
          const hit = traces.find((t) => t.rules.includes(rule.id));
          expect(hit, `${rule.id} did not fire: ${JSON.stringify(traces.map((t) => t.rules))}`).toBeDefined();
          if (ex.speaker === undefined) return;
          const q = quotes.find((x) => x.type === 'direct' && x.start === hit!.start);
          expect(q?.speaker?.name ?? null).toBe(ex.speaker);
        });
      });
    });
  }

  it('a rule switched off no longer fires, and another decides', () => {
    const text = '"We need more nurses," Alma Quist said.';
    const names = mentions(text, [['Alma Quist', 'PERSON']]);
    const on = explainQuotes(text, names).traces[0]!;
    expect(on.rules).toContain('tail.subject-verb');
    const off = explainQuotes(text, names, { disabled: new Set(['tail.subject-verb']) }).traces[0]!;
    expect(off.rules).not.toContain('tail.subject-verb');
    expect(off.how).not.toBe('cue');
  });

  it('a text opening with a fronted participle clause and a time word before the verb does not throw', () => {
    const text = 'After saying the bridge was "safe for years," Lars Odum left the hearing.';
    const qs = findQuotes(text, mentions(text, [['Lars Odum', 'PERSON']]), { filter: null });
    expect(qs.filter((q) => q.type === 'direct').map((q) => q.text)).toEqual(['"safe for years,"']);
  });

  it('options do not leak between calls', () => {
    const text = '"The bridge will open in May," said Tomas Arlen.';
    const names = mentions(text, [['Tomas Arlen', 'PERSON']]);
    expect(findQuotes(text, names, { disabled: new Set(['tail.inverted']) })[0]?.cue).toBeNull();
    expect(findQuotes(text, names)[0]?.speaker?.name).toBe('Tomas Arlen');
  });
});
