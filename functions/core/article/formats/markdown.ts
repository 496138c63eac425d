import { UnusableContentError } from '../../errors.ts';
export function parseMarkdown(_text: string): never {
  throw new UnusableContentError('UNSUPPORTED_FORMAT', 'not yet');
}
