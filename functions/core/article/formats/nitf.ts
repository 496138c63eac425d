import { UnusableContentError } from '../../errors.ts';
export function parseNitf(_text: string): never {
  throw new UnusableContentError('UNSUPPORTED_FORMAT', 'not yet');
}
