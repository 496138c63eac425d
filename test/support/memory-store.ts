import type {
  ArticleStore,
  CommitContext,
  CommitResult,
  ObjectEvent,
  ObjectOutcome,
  ObjectRef,
  StoredObjectState,
} from '#ingest/ports.ts';
import { normalizeSequencer } from '#ingest/sequencer.ts';

interface Entry {
  state: StoredObjectState;
  outcome?: ObjectOutcome;
}

/** In-memory ArticleStore with the same ordering and idempotency rules as the DynamoDB one. */
export class MemoryStore implements ArticleStore {
  readonly objects = new Map<string, Entry>();
  commits = 0;

  private id(ref: ObjectRef) {
    return `${ref.bucket}\n${ref.key}`;
  }

  async state(ref: ObjectRef) {
    return this.objects.get(this.id(ref))?.state;
  }

  async commit(event: ObjectEvent, outcome: ObjectOutcome, context: CommitContext): Promise<CommitResult> {
    return this.apply(event, context, outcome);
  }

  async remove(event: ObjectEvent, context: CommitContext): Promise<CommitResult> {
    return this.apply(event, context, undefined);
  }

  async keep(event: ObjectEvent, versionId: string): Promise<CommitResult> {
    const entry = this.objects.get(this.id(event.ref));
    const seq = normalizeSequencer(event.sequencer);
    if (
      !entry ||
      entry.state.sequencer >= seq ||
      entry.state.versionId !== versionId ||
      entry.state.status === 'deleted'
    )
      return 'superseded';
    entry.state = { ...entry.state, sequencer: seq };
    return 'committed';
  }

  async settle(): Promise<void> {}

  private apply(
    event: ObjectEvent,
    context: CommitContext,
    outcome: ObjectOutcome | undefined,
  ): CommitResult {
    const id = this.id(event.ref);
    const current = this.objects.get(id);
    const seq = normalizeSequencer(event.sequencer);
    if (
      current &&
      (current.state.sequencer > seq ||
        (current.state.sequencer === seq && current.state.extractorVersion === context.extractorVersion))
    ) {
      return 'superseded';
    }
    this.commits++;
    this.objects.set(id, {
      state: {
        sequencer: seq,
        status: outcome ? outcome.status : 'deleted',
        extractorVersion: context.extractorVersion,
        ...(context.versionId ? { versionId: context.versionId } : {}),
      },
      ...(outcome ? { outcome } : {}),
    });
    return 'committed';
  }
}
