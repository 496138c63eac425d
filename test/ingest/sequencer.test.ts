import { describe, expect, it } from 'vitest';
import { compareSequencers, normalizeSequencer } from '../../functions/ingest/sequencer.ts';

describe('S3 sequencers', () => {
  it('compares hexadecimal strings of differing length by right-padding with zeros', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6')).toBeLessThan(0);
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E5')).toBe(0);
    // "1" right-padded is 0x1000…, greater than "0FFFF"
    expect(compareSequencers('1', '0FFFF')).toBeGreaterThan(0);
    expect(compareSequencers('AB', 'AB00')).toBe(0);
    expect(compareSequencers('ab', 'AB')).toBe(0);
  });

  it('normalizes to a fixed width that orders as plain strings', () => {
    const values = ['0055AED6DCD90281E5', '0055AED6DCD90281E500', '0055AED6DCD9028200', '1'];
    const sorted = [...values].sort(compareSequencers);
    expect([...values].map(normalizeSequencer).sort()).toEqual(sorted.map(normalizeSequencer));
  });

  it('rejects values that are not hexadecimal', () => {
    expect(() => normalizeSequencer('xyz')).toThrow(/invalid S3 sequencer/);
    expect(() => normalizeSequencer('')).toThrow();
  });
});
