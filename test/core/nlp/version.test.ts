import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '#core/nlp/extract.ts';
import { extractorFingerprint, VERSION_FILE, versionFileText } from '../../../scripts/extractor-version.ts';

describe('extractor version', () => {
  it('follows the output: a change of parsing, extraction or the models needs a new version', () => {
    const { version, inputs } = extractorFingerprint();
    expect(inputs.length).toBeGreaterThan(10);
    expect(
      EXTRACTOR_VERSION,
      'the extraction output changed: run `npm run -s version:extractor` and commit functions/core/nlp/version.ts',
    ).toBe(version);
    expect(readFileSync(VERSION_FILE, 'utf8')).toBe(versionFileText(version));
  });
});
