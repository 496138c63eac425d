import { describe, expect, it } from 'vitest';
import { organisationsByCue, workplaces } from '../../../../functions/core/nlp/entities/org-cues.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

/** Every occurrence of `name` in `text` as a mention of `type`. */
function all(text: string, name: string, type: Named) {
  const out = [];
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    out.push({ type, text: name, start: i, end: i + name.length });
  }
  return out;
}

const types = (ms: readonly { type: string }[]) => ms.map((m) => m.type);

describe('a name the text gives an organisation noun is an organisation', () => {
  it('retypes every mention of a name with a spokesperson, a CEO or a founder', () => {
    const text =
      'Brindlewick opened a plant. A Brindlewick spokesperson said the plant was ready. Brindlewick hired.';
    expect(types(organisationsByCue(text, all(text, 'Brindlewick', 'MISC')))).toEqual([
      'ORGANIZATION',
      'ORGANIZATION',
      'ORGANIZATION',
    ]);
    const ceo = "Quillory rose. Quillory's CEO spoke on Monday.";
    expect(types(organisationsByCue(ceo, all(ceo, 'Quillory', 'PERSON')))).toEqual([
      'ORGANIZATION',
      'ORGANIZATION',
    ]);
    const founder = 'Velmora founder Ada Pike left. Velmora fell.';
    const given = [...all(founder, 'Velmora', 'PERSON'), ...all(founder, 'Ada Pike', 'PERSON')].sort(
      (a, b) => a.start - b.start,
    );
    expect(types(organisationsByCue(founder, given))).toEqual(['ORGANIZATION', 'PERSON', 'ORGANIZATION']);
  });

  it('reads shares and stock as nouns only, and only for a name typed PERSON', () => {
    const noun = 'Tarnwell shares closed higher. Tarnwell said nothing.';
    expect(types(organisationsByCue(noun, all(noun, 'Tarnwell', 'PERSON')))).toEqual([
      'ORGANIZATION',
      'ORGANIZATION',
    ]);
    const verb = 'Tarnwell shares his notes. Tarnwell said nothing.';
    expect(types(organisationsByCue(verb, all(verb, 'Tarnwell', 'PERSON')))).toEqual(['PERSON', 'PERSON']);
    const index = 'The Q-40 shares fell. The Q-40 index fell.';
    expect(types(organisationsByCue(index, all(index, 'Q-40', 'MISC')))).toEqual(['MISC', 'MISC']);
  });

  it('keeps people, nationalities and places', () => {
    const surname = 'Dana Orrick spoke. An Orrick spokesman said so.';
    const people = [...all(surname, 'Dana Orrick', 'PERSON'), ...all(surname, 'Orrick', 'PERSON').slice(1)];
    expect(types(organisationsByCue(surname, people))).toEqual(['PERSON', 'PERSON']);
    const titled = 'Mr. Orrick left. The Orrick spokesman said so.';
    expect(types(organisationsByCue(titled, all(titled, 'Orrick', 'PERSON')))).toEqual(['PERSON', 'PERSON']);
    const first = 'Kevin spokesman duties ended.';
    expect(types(organisationsByCue(first, all(first, 'Kevin', 'PERSON')))).toEqual(['PERSON']);
    const nationality = 'A French spokesman said so.';
    expect(types(organisationsByCue(nationality, all(nationality, 'French', 'MISC')))).toEqual(['MISC']);
    const place = 'A Port Vell spokesman said Port Vell shares fell.';
    expect(types(organisationsByCue(place, all(place, 'Port Vell', 'LOCATION')))).toEqual([
      'LOCATION',
      'LOCATION',
    ]);
  });
});

describe('a name someone works at is an organisation', () => {
  it('retypes every mention of a name after a position or profession and "at"', () => {
    const text = 'A senior analyst at Quorvane said so. Researchers at Tillbrook agreed. Quorvane grew.';
    const given = [...all(text, 'Quorvane', 'LOCATION'), ...all(text, 'Tillbrook', 'PERSON')].sort(
      (a, b) => a.start - b.start,
    );
    expect(types(workplaces(text, given))).toEqual(['ORGANIZATION', 'ORGANIZATION', 'ORGANIZATION']);
  });

  it('keeps listed places, surnames, and names after other words', () => {
    const place = 'An economist at London said so.';
    expect(types(workplaces(place, all(place, 'London', 'LOCATION')))).toEqual(['LOCATION']);
    const surname = 'Ada Quorvane spoke. An aide at Quorvane house left.';
    const people = [
      ...all(surname, 'Ada Quorvane', 'PERSON'),
      ...all(surname, 'Quorvane', 'PERSON').slice(1),
    ];
    expect(types(workplaces(surname, people))).toEqual(['PERSON', 'PERSON']);
    const other = 'We met at Quorvane.';
    expect(types(workplaces(other, all(other, 'Quorvane', 'LOCATION')))).toEqual(['LOCATION']);
  });
});
