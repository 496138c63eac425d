import { describe, expect, it } from 'vitest';
import { eachFlag } from '../../scripts/args.ts';

describe('training-script arguments', () => {
  it('hands each flag its value and rejects unknown or incomplete flags', () => {
    const seen: string[] = [];
    eachFlag(['--epochs', '4', '--fast'], (flag, value) => {
      if (flag === '--epochs') seen.push(`epochs=${value()}`);
      else if (flag === '--fast') seen.push('fast');
      else return false;
      return true;
    });
    expect(seen).toEqual(['epochs=4', 'fast']);
    expect(() => eachFlag(['--nope'], () => false)).toThrow('unknown argument --nope');
    expect(() => eachFlag(['--epochs'], (_f, value) => Boolean(value()))).toThrow('--epochs needs a value');
  });
});
