import { describe, expect, it } from 'vitest';
import { placesByHead } from '../../../../functions/core/nlp/entities/place-heads.ts';
import { recognizeEntities } from '../../../../functions/core/nlp/entities/recognize.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

function mention(text: string, name: string, type: Named) {
  const start = text.indexOf(name);
  return { type, text: name, start, end: start + name.length };
}

describe('streets, roads and venues are places', () => {
  it('retypes a name ending in a street or venue word as LOCATION', () => {
    const text = 'Police stopped a car on Orwen Avenue near the Kestrel Bank Arena and 412 Tamsin Drive.';
    const out = placesByHead([
      mention(text, 'Orwen Avenue', 'PERSON'),
      mention(text, 'Kestrel Bank Arena', 'ORGANIZATION'),
      mention(text, 'Tamsin Drive', 'PERSON'),
    ]);
    expect(out.map((m) => m.type)).toEqual(['LOCATION', 'LOCATION', 'LOCATION']);
    expect(out.map((m) => text.slice(m.start, m.end))).toEqual([
      'Orwen Avenue',
      'Kestrel Bank Arena',
      'Tamsin Drive',
    ]);
  });

  it('retypes theatres, compound venue ends and a "person" ending in Center or Stage', () => {
    const text = 'Shows at Orvane Music Center, the Tallow Theater, Kestrel Center and Brisk Stage.';
    const out = placesByHead([
      mention(text, 'Orvane Music Center', 'ORGANIZATION'),
      mention(text, 'Tallow Theater', 'ORGANIZATION'),
      mention(text, 'Kestrel Center', 'PERSON'),
      mention(text, 'Brisk Stage', 'PERSON'),
    ]);
    expect(out.map((m) => m.type)).toEqual(['LOCATION', 'LOCATION', 'LOCATION', 'LOCATION']);
    const institution = 'The Harlow Policy Center said.';
    expect(placesByHead([mention(institution, 'Harlow Policy Center', 'ORGANIZATION')])[0]?.type).toBe(
      'ORGANIZATION',
    );
  });

  it('keeps one-word names, institutions and people whose surname is a street word', () => {
    const text = 'Barry Lane of Harlow Research Center met Arena at the Pavilion.';
    const given = [
      mention(text, 'Barry Lane', 'PERSON'),
      mention(text, 'Harlow Research Center', 'ORGANIZATION'),
      mention(text, 'Arena', 'PERSON'),
      mention(text, 'Pavilion', 'ORGANIZATION'),
    ];
    expect(placesByHead(given).map((m) => m.type)).toEqual([
      'PERSON',
      'ORGANIZATION',
      'PERSON',
      'ORGANIZATION',
    ]);
  });

  it('applies in the recognizer: a sponsor-named venue in a tour list is a place', () => {
    const text =
      'The band plays June 9 at the Orvane Credit Union Amphitheatre in Tallow, then Kestrel Arena.';
    const found = recognizeEntities(text).filter((m) => /Amphitheatre|Arena/.test(m.text));
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m.type).toBe('LOCATION');
  });
});
