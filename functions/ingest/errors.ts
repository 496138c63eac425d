import { NewsIngestError } from '#core/errors.ts';

/** The object (or the version an event names) no longer exists; a later event will say why. */
export class ObjectGoneError extends NewsIngestError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ObjectGoneError';
  }
}
