import { UnusableContentError } from '../../errors.ts';
export function parseJson(_text: string): never {
  throw new UnusableContentError('UNSUPPORTED_FORMAT', 'not yet');
}
