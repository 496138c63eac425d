import { UnusableContentError } from '../../errors.ts';
export function parseNewsMlG2(_text: string): never {
  throw new UnusableContentError('UNSUPPORTED_FORMAT', 'not yet');
}
