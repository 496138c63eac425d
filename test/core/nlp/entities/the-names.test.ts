import { describe, expect, it } from 'vitest';
import { organisationsAfterThe } from '../../../../functions/core/nlp/entities/the-names.ts';

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

describe('a one-word name after "the" is no person', () => {
  it('retypes every mention of a name the text gives as "the X" at the head of its phrase', () => {
    const text =
      'Kestrels coach Ana Vey was calm before the Kestrels’ win. Kestrels fans sang for the Kestrels.';
    const given = [...all(text, 'Kestrels', 'PERSON'), ...all(text, 'Ana Vey', 'PERSON')].sort(
      (a, b) => a.start - b.start,
    );
    const out = organisationsAfterThe(text, given);
    expect(out.filter((m) => m.text === 'Kestrels').every((m) => m.type === 'ORGANIZATION')).toBe(true);
    expect(out.find((m) => m.text === 'Ana Vey')?.type).toBe('PERSON');
  });

  it('keeps a surname the document also gives in a full name or after a title', () => {
    const full = 'Tomas Orrick spoke. The board backed the Orrick. Orrick said so.';
    expect(
      types(
        organisationsAfterThe(full, [
          ...all(full, 'Tomas Orrick', 'PERSON'),
          ...all(full, 'Orrick', 'PERSON').slice(1),
        ]),
      ),
    ).toEqual(['PERSON', 'PERSON', 'PERSON']);
    const titled = 'Mr. Orrick spoke to the Orrick. Orrick left.';
    expect(types(organisationsAfterThe(titled, all(titled, 'Orrick', 'PERSON')))).toEqual([
      'PERSON',
      'PERSON',
      'PERSON',
    ]);
  });

  it('takes no evidence from a name that modifies a noun after "the"', () => {
    const text = 'Vance said the Vance administration would act. Vance left.';
    expect(types(organisationsAfterThe(text, all(text, 'Vance', 'PERSON')))).toEqual([
      'PERSON',
      'PERSON',
      'PERSON',
    ]);
  });
});
