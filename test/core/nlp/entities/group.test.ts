import { describe, expect, it } from 'vitest';
import { canonicalize, groupEntities } from '#core/nlp/entities/group.ts';
import type { EntityType } from '#core/types.ts';

/** Mentions of the given surface forms, located in `text` in order. */
function mentionsIn(text: string, items: [string, EntityType][]) {
  let from = 0;
  return items.map(([surface, type]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`${surface} not in text`);
    from = start + surface.length;
    return { type, text: surface, start, end: start + surface.length };
  });
}

describe('canonicalize', () => {
  it('joins a surname to the full name', () => {
    const text =
      'Defense Minister Sergei Ivanov spoke. Later Ivanov said no. President Vladimir Putin agreed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Sergei Ivanov', 'PERSON'],
        ['Ivanov', 'PERSON'],
        ['Vladimir Putin', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Sergei Ivanov', 'Sergei Ivanov', 'Vladimir Putin']);
    const entities = groupEntities(out);
    expect(entities.map((e) => [e.name, e.mentions])).toEqual([
      ['Sergei Ivanov', 2],
      ['Vladimir Putin', 1],
    ]);
  });

  it('reads a lone name as a surname before a first name, however near the first-name reading', () => {
    const text =
      'Donald J. Trump spoke at Trump Tower. Hillary met Hillary Clinton. Trump said, and Hillary left.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Donald J. Trump', 'PERSON'],
        ['Trump Tower', 'PERSON'],
        ['Hillary Clinton', 'PERSON'],
        ['Trump', 'PERSON'],
        ['Hillary', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Donald J. Trump',
      'Trump Tower',
      'Hillary Clinton',
      'Donald J. Trump',
      'Hillary Clinton',
    ]);
  });

  it('never merges two different people and sends a surname to the nearest preceding one', () => {
    const text =
      'Hillary Clinton met Bill Clinton. Clinton said yes. Then Hillary Clinton left; Clinton stayed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Hillary Clinton', 'PERSON'],
        ['Bill Clinton', 'PERSON'],
        ['Clinton', 'PERSON'],
        ['Hillary Clinton', 'PERSON'],
        ['Clinton', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Hillary Clinton',
      'Bill Clinton',
      'Bill Clinton',
      'Hillary Clinton',
      'Hillary Clinton',
    ]);
  });

  it('does not join a name that is not a whole-word part of the full name', () => {
    const text = 'John Smithson arrived. Smith left.';
    const out = canonicalize(
      mentionsIn(text, [
        ['John Smithson', 'PERSON'],
        ['Smith', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['John Smithson', 'Smith']);
  });

  it('groups U N, U.N., UN and United Nations as one organisation', () => {
    const text = 'The United Nations voted. The U N said. A U.N. envoy and the UN staff.';
    const out = canonicalize(
      mentionsIn(text, [
        ['United Nations', 'ORGANIZATION'],
        ['U N', 'ORGANIZATION'],
        ['U.N.', 'ORGANIZATION'],
        ['UN', 'ORGANIZATION'],
      ]),
    );
    expect(new Set(out.map((m) => m.canonical))).toEqual(new Set(['United Nations']));
    expect(groupEntities(out)).toHaveLength(1);
  });

  it('expands a known acronym consistently when the full name is absent', () => {
    const a = canonicalize(mentionsIn('the U S said', [['U S', 'LOCATION']]));
    const b = canonicalize(mentionsIn('the U.S. said', [['U.S.', 'LOCATION']]));
    expect(a[0]!.canonical).toBe('United States');
    expect(b[0]!.canonical).toBe('United States');
  });

  it('joins an acronym to a full name in the document whose initials it spells', () => {
    const text = 'The Kremlin Defence Agency (KDA) said. KDA officials agreed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Kremlin Defence Agency', 'ORGANIZATION'],
        ['KDA', 'ORGANIZATION'],
        ['KDA', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(Array(3).fill('Kremlin Defence Agency'));
  });

  it('prefers the mixed-case form over a headline in capitals and strips possessives', () => {
    const text = "MOSCOW talks. Moscow's view.";
    const out = canonicalize(
      mentionsIn(text, [
        ['MOSCOW', 'LOCATION'],
        ["Moscow's", 'LOCATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Moscow', 'Moscow']);
  });

  it('keeps the same name with different types apart', () => {
    const text = 'Washington said. In Washington it rained.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Washington', 'PERSON'],
        ['Washington', 'LOCATION'],
      ]),
    );
    expect(groupEntities(out).map((e) => e.type)).toEqual(['PERSON', 'LOCATION']);
  });
});

describe('canonicalize: names that start with spaced initials', () => {
  it('writes them dotted and groups them with the dotted form', () => {
    const text = 'the U N Security Council and the U.N. Security Council';
    const out = canonicalize(
      mentionsIn(text, [
        ['U N Security Council', 'ORGANIZATION'],
        ['U.N. Security Council', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['U.N. Security Council', 'U.N. Security Council']);
  });
});

describe('canonicalize: names seen only in capitals', () => {
  it('title-cases words but keeps short acronyms and words with digits', () => {
    const text = 'RUSSIAN FEDERATION SENDS TOR-M1 TO BBC WORLD';
    const out = canonicalize(
      mentionsIn(text, [
        ['RUSSIAN FEDERATION', 'LOCATION'],
        ['TOR-M1', 'MISC'],
        ['BBC WORLD', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Russian Federation', 'TOR-M1', 'BBC World']);
  });
});
