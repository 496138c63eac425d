import { describe, expect, it } from 'vitest';
import { readDatelines } from '../../../../functions/core/nlp/entities/dateline.ts';
import { recognizeEntities } from '../../../../functions/core/nlp/entities/recognize.ts';

const pairs = (text: string) => recognizeEntities(text).map((m) => [m.type, text.slice(m.start, m.end)]);

describe('datelines', () => {
  it('reads place, region and agency of a dateline run into the story', () => {
    const text = 'PORT VELL, N.M. (AP) — A dog who had been lost for two years was found on a farm.';
    const found = pairs(text);
    expect(found).toContainEqual(['LOCATION', 'PORT VELL']);
    expect(found).toContainEqual(['LOCATION', 'N.M.']);
    expect(found).toContainEqual(['ORGANIZATION', 'AP']);
  });

  it('drops the sentence-opening "The" of a name right after the dateline', () => {
    const text = 'LAKEPORT -- The Orr Space Agency says crews will fly in May.';
    const given = [{ type: 'ORGANIZATION' as const, start: 12, end: 32, text: 'The Orr Space Agency' }];
    const out = readDatelines(text, given, null);
    expect(out.map((m) => [m.type, text.slice(m.start, m.end)])).toEqual([
      ['LOCATION', 'LAKEPORT'],
      ['ORGANIZATION', 'Orr Space Agency'],
    ]);
  });

  it('takes a dateline on a later line, and leaves topic slugs and headings alone', () => {
    const later = 'Storm warning.\nMARLOW (Orr Wire) - Ferries stopped on Tuesday.';
    expect(readDatelines(later, [], null).map((m) => m.text)).toEqual(['MARLOW', 'Orr Wire']);
    for (const slug of [
      'ROWING - LAKEPORT BEAT MARLOW .',
      'LENDER - Orr Bank Co Ltd .',
      'DIGEST - Westmark - updated May 2 .',
    ]) {
      expect(readDatelines(slug, [], null)).toEqual([]);
    }
  });
});
