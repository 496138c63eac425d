import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium.ts';

describe('chromiumPath', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('fails without a browser, saying how to install one', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(() => chromiumPath()).toThrow(
      'no browser at /nonexistent/chromium: install Chromium with `apt-get update && apt-get install -y chromium`',
    );
  });
});
