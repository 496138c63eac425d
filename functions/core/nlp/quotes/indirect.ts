import type { Span } from '../../types.ts';
import type { Ctx } from './context.ts';
import type { Discourse, Resolved } from './resolve.ts';

export interface Reported {
  readonly start: number;
  readonly end: number;
  readonly paragraph: number;
  readonly cue: Span | null;
  readonly speaker: Resolved | null;
}

export function findIndirect(_ctx: Ctx, _d: Discourse): Reported[] {
  return [];
}
