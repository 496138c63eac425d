import { describe, expect, it } from 'vitest';
import created from '../../events/sqs-s3-object-created.json' with { type: 'json' };
import { decodeS3Key, parseSqsRecord } from '../../functions/handlers/s3-records.ts';

const s3Record = (key: string, eventName = 'ObjectCreated:Put', extra: Record<string, unknown> = {}) => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  awsRegion: 'eu-west-1',
  eventTime: '2026-11-27T10:00:00.000Z',
  eventName,
  s3: {
    bucket: { name: 'articles', arn: 'arn:aws:s3:::articles' },
    object: { key, size: 12, eTag: 'abc', sequencer: '0055AED6DCD90281E5', ...extra },
  },
});
const message = (records: unknown[]) => ({ body: JSON.stringify({ Records: records }) });

describe('decodeS3Key', () => {
  it.each([
    ['incoming/2026+11/%C3%BCber+caf%C3%A9%2B1.json', 'incoming/2026 11/über café+1.json'],
    ['a%25b.txt', 'a%b.txt'],
    ['plain.txt', 'plain.txt'],
    ['%E6%97%A5%E6%9C%AC.txt', '日本.txt'],
  ])('%s -> %s', (encoded, key) => {
    expect(decodeS3Key(encoded)).toBe(key);
  });
});

describe('parseSqsRecord', () => {
  it('reads created and removed events with decoded keys', () => {
    const parsed = parseSqsRecord(
      message([
        s3Record('a+b%2Bc.txt'),
        s3Record('gone.txt', 'ObjectRemoved:DeleteMarkerCreated', { versionId: 'v2' }),
      ]),
    );
    expect(parsed.kind).toBe('events');
    if (parsed.kind !== 'events') return;
    expect(parsed.events.map((e) => [e.kind, e.ref.key, e.ref.versionId])).toEqual([
      ['created', 'a b+c.txt', undefined],
      ['removed', 'gone.txt', 'v2'],
    ]);
    expect(parsed.events[0]?.sequencer).toBe('0055AED6DCD90281E5');
    expect(parsed.events[0]?.size).toBe(12);
  });

  it('recognises the s3:TestEvent S3 sends when notifications are configured', () => {
    expect(
      parseSqsRecord({ body: JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }) }).kind,
    ).toBe('test-event');
  });

  it('calls non-JSON, record-less and malformed messages invalid instead of throwing', () => {
    expect(parseSqsRecord({ body: 'not json' })).toMatchObject({ kind: 'invalid' });
    expect(parseSqsRecord({ body: '{}' })).toMatchObject({ kind: 'invalid' });
    expect(parseSqsRecord(message([{ eventSource: 'aws:sqs' }]))).toMatchObject({ kind: 'invalid' });
    expect(parseSqsRecord(message([s3Record('%E0%A4%A.txt')]))).toMatchObject({ kind: 'invalid' });
  });

  it.each([
    ['an empty key', s3Record('')],
    ['an undecodable key', s3Record('%')],
    ['a non-hexadecimal sequencer', s3Record('a.txt', 'ObjectCreated:Put', { sequencer: '0055XYZ' })],
    [
      'a sequencer longer than 40 digits',
      s3Record('a.txt', 'ObjectCreated:Put', { sequencer: 'A'.repeat(41) }),
    ],
    ['a numeric sequencer', s3Record('a.txt', 'ObjectCreated:Put', { sequencer: 5 })],
    ['no sequencer', s3Record('a.txt', 'ObjectCreated:Put', { sequencer: undefined })],
    ['a missing bucket name', { ...s3Record('a.txt'), s3: { ...s3Record('a.txt').s3, bucket: {} } }],
    ['an empty bucket name', { ...s3Record('a.txt'), s3: { ...s3Record('a.txt').s3, bucket: { name: '' } } }],
  ])('calls a record with %s invalid, never an event to store or retry', (_why, record) => {
    expect(parseSqsRecord(message([record]))).toMatchObject({ kind: 'invalid' });
  });

  it('tells a delete marker from a permanent deletion of a version', () => {
    const parsed = parseSqsRecord(
      message([
        s3Record('a.txt', 'ObjectRemoved:DeleteMarkerCreated', { versionId: 'm1' }),
        s3Record('a.txt', 'ObjectRemoved:Delete', { versionId: 'v1' }),
      ]),
    );
    expect(parsed.kind === 'events' && parsed.events.map((e) => e.deleteMarker)).toEqual([true, undefined]);
  });

  it('ignores event types it does not act on', () => {
    const parsed = parseSqsRecord(message([s3Record('x.txt', 'ObjectRestore:Completed')]));
    expect(parsed).toEqual({ kind: 'events', events: [] });
  });

  it('treats the versionId "null" of unversioned buckets as absent', () => {
    const parsed = parseSqsRecord(message([s3Record('x.txt', 'ObjectCreated:Put', { versionId: 'null' })]));
    expect(parsed.kind === 'events' && parsed.events[0]?.ref.versionId).toBeUndefined();
  });

  it('reads the sample event of events/', () => {
    const record = structuredClone(created.Records[0]);
    const parsed = parseSqsRecord(record as { body: string });
    expect(parsed.kind).toBe('events');
  });
});
