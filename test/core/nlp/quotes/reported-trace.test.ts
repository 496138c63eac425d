import { describe, expect, it } from 'vitest';
import { explainQuotes, findQuotes, type ReportedTrace } from '../../../../functions/core/nlp/quotes/find.ts';
import { mentions } from './helpers.ts';

/** The reported-speech traces of an invented text. */
function traced(text: string, names: Parameters<typeof mentions>[1], options = {}) {
  return explainQuotes(text, mentions(text, names), options);
}

const kept = (ts: readonly ReportedTrace[]) => ts.filter((t) => !t.dropped);

describe('reported-speech trace', () => {
  it('names the rule, the cue, the content span, the guards passed and how the speaker was reached', () => {
    const text = 'The swimming pool will reopen after the holidays, Pia Lund said.';
    const { quotes, reported } = traced(text, [['Pia Lund', 'PERSON']]);
    const q = quotes.find((x) => x.type === 'indirect')!;
    expect(q.text).toBe('The swimming pool will reopen after the holidays');
    const t = kept(reported)[0]!;
    expect(t.rule).toBe('indirect.trailing');
    expect(t.cue?.text).toBe('said');
    expect(t.content).toEqual({ text: q.text, start: q.start, end: q.end });
    expect(text.slice(t.content!.start, t.content!.end)).toBe(q.text);
    expect(t.guards.map((g) => `${g.id}:${g.outcome}`)).toEqual([
      'indirect.no-decision:passed',
      'indirect.action-cue:passed',
      'indirect.noun-cue:passed',
      'indirect.trim-attribution:passed',
    ]);
    expect(t.speaker).toBe('Pia Lund');
    expect(t.via).toMatch(/between the comma and the verb/);
    expect(t.confidence!.probability).toBeGreaterThanOrEqual(t.confidence!.threshold);
    expect(t.why).toMatch(/^indirect\.trailing read the clause at the cue "said"; the speaker is Pia Lund/);
    expect(t.why).toMatch(/kept: the confidence filter gives it/);
  });

  it("scores the candidates around the clause, best first, the rule's pick marked", () => {
    const text =
      'Ola Brandt chaired the meeting.\n\nGus Tamm said that the new ferry would carry twice as many cars.';
    const { reported } = traced(text, [
      ['Ola Brandt', 'PERSON'],
      ['Gus Tamm', 'PERSON'],
    ]);
    const t = kept(reported).find((x) => x.rule === 'indirect.clause')!;
    expect(t.speaker).toBe('Gus Tamm');
    expect(t.via).toBe('the subject right before the verb');
    const scores = t.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(t.candidates.filter((c) => c.rule).map((c) => c.name)).toEqual(['Gus Tamm']);
    expect(t.candidates.map((c) => c.name)).toContain('Ola Brandt');
  });

  it('lists a cue a guard refused, with the guard that fired', () => {
    const text = 'The town board decided the old pier would stay closed all summer.';
    const { quotes, reported } = traced(text, []);
    expect(quotes.filter((q) => q.type === 'indirect')).toEqual([]);
    const t = reported.find((x) => x.dropped === 'guard')!;
    expect(t.rule).toBeNull();
    expect(t.cue?.text).toBe('decided');
    expect(t.content).toBeNull();
    expect(t.guards).toEqual([{ id: 'indirect.no-decision', outcome: 'fired' }]);
    expect(t.why).toMatch(/the guard indirect\.no-decision refused the cue "decided"/);
  });

  it('a guard switched off shows as off, and its cue is no longer refused', () => {
    const text = 'Renewed talks between the two clubs could save the season, Ivo Marsh said.';
    const names: Parameters<typeof mentions>[1] = [['Ivo Marsh', 'PERSON']];
    const on = traced(text, names, { filter: null });
    expect(
      on.reported.some((t) => t.dropped === 'guard' && t.guards.at(-1)?.id === 'indirect.noun-cue'),
    ).toBe(true);
    const off = traced(text, names, { filter: null, disabled: new Set(['indirect.noun-cue']) });
    expect(off.reported.some((t) => t.dropped === 'guard')).toBe(false);
    const guards = kept(off.reported).flatMap((t) => t.guards);
    expect(guards).toContainEqual({ id: 'indirect.noun-cue', outcome: 'off' });
  });

  it('shows the trailing attribution cut off the content', () => {
    const text = 'Tom Reyes said the tunnel would close in April, engineers said.';
    const { reported } = traced(text, [['Tom Reyes', 'PERSON']]);
    const t = kept(reported).find((x) => x.rule === 'indirect.clause')!;
    expect(t.content?.text).toBe('the tunnel would close in April');
    expect(t.guards).toContainEqual({ id: 'indirect.trim-attribution', outcome: 'fired' });
    expect(t.why).toMatch(/trim-attribution cut its own trailing attribution off/);
  });

  it('lists a clause the confidence filter dropped, with its probability and threshold', () => {
    const text = 'The swimming pool will reopen after the holidays, Pia Lund said.';
    const filter = { format: 'test', weights: {}, thresholds: { direct: 0, indirect: 0.9 } };
    const { quotes, reported } = traced(text, [['Pia Lund', 'PERSON']], { filter });
    expect(quotes.filter((q) => q.type === 'indirect')).toEqual([]);
    const t = reported.find((x) => x.dropped === 'filter')!;
    expect(t.rule).toBe('indirect.trailing');
    expect(t.confidence).toEqual({ probability: 0.5, threshold: 0.9 });
    expect(t.why).toMatch(/not kept: the confidence filter gives it 0\.500, below 0\.9/);
  });

  it('tracing changes no quotation', () => {
    const text =
      'According to the harbor office, the new dock will open in March.\n\nMara Quint says the roads are safe and added that the plows are ready for the storm.';
    const names: Parameters<typeof mentions>[1] = [['Mara Quint', 'PERSON']];
    const plain = findQuotes(text, mentions(text, names));
    const { quotes, reported } = traced(text, names);
    expect(quotes).toEqual(plain);
    const rules = kept(reported).map((t) => t.rule);
    expect(rules).toEqual(expect.arrayContaining(['indirect.according-to', 'indirect.coordinated']));
    expect(kept(reported).map((t) => `${t.start}:${t.end}`)).toEqual(
      plain.filter((q) => q.type === 'indirect').map((q) => `${q.start}:${q.end}`),
    );
  });
});
