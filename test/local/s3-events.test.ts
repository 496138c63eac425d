import { readdirSync, readFileSync } from 'node:fs';
import type { SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSequencers } from '#ingest/sequencer.ts';
import {
  decodeS3EventKey,
  encodeS3EventKey,
  notificationBody,
  Sequencer,
  toEventRecord,
} from '#local/s3-events.ts';
import { parseSqsRecord } from '../../functions/handlers/s3-records.ts';

describe('S3 event keys', () => {
  it('encodes like S3: + for a space, percent-encoded UTF-8, slashes kept', () => {
    expect(encodeS3EventKey('incoming/2026 11/über café+1.json')).toBe(
      'incoming/2026+11/%C3%BCber+caf%C3%A9%2B1.json',
    );
    expect(encodeS3EventKey('a%b=c&d(e)~f!.txt')).toBe('a%25b%3Dc%26d%28e%29%7Ef%21.txt');
    expect(encodeS3EventKey('emoji 📰.txt')).toBe('emoji+%F0%9F%93%B0.txt');
  });

  it('round-trips any key through the decoding a handler must do', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (key) => {
        expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sequencers', () => {
  it('are 18 upper-case hex digits and strictly increasing, even when the clock stands still or goes back', () => {
    let now = 1_795_770_902_000;
    const clock = () => now;
    const seq = new Sequencer(clock);
    const values: string[] = [];
    for (let i = 0; i < 50; i++) {
      if (i === 20) now -= 5_000;
      if (i === 30) now += 10_000;
      values.push(seq.next());
    }
    for (const v of values) expect(v).toMatch(/^[0-9A-F]{18}$/);
    for (let i = 1; i < values.length; i++)
      expect(compareSequencers(values[i - 1] as string, values[i] as string)).toBe(-1);
  });
});

describe('event records', () => {
  const change = {
    eventName: 'ObjectCreated:Put' as const,
    bucket: 'news-ingest-dev-articles',
    key: 'in/a b+c%.txt',
    sequencer: '0055AED6DCD90281E5',
    eventTime: '2026-11-27T09:15:02.118Z',
    size: 12,
    eTag: '"0f343b0931126a20f133d67c2b018a3b"',
    versionId: 'v1',
  };

  it('have the shape of S3 event version 2.1', () => {
    const r = toEventRecord(change, { region: 'eu-west-1', configurationId: 'cfg' });
    expect(r).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'cfg',
        bucket: { name: 'news-ingest-dev-articles', arn: 'arn:aws:s3:::news-ingest-dev-articles' },
        object: {
          key: 'in/a+b%2Bc%25.txt',
          size: 12,
          eTag: '0f343b0931126a20f133d67c2b018a3b',
          versionId: 'v1',
          sequencer: '0055AED6DCD90281E5',
        },
      },
    });
  });

  it('are read back to the original key by the handler', () => {
    const body = notificationBody(toEventRecord(change, { region: 'eu-west-1', configurationId: 'cfg' }));
    const parsed = parseSqsRecord({ body });
    expect(parsed.kind).toBe('events');
    if (parsed.kind === 'events')
      expect(parsed.events[0]?.ref).toEqual({ bucket: change.bucket, key: change.key, versionId: 'v1' });
  });
});

describe('the event fixtures of events/', () => {
  const dir = new URL('../../events/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.startsWith('sqs-') && f.endsWith('.json'));

  it.each(files)('%s is an SQS event the handler understands', (file) => {
    const event = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as SQSEvent;
    expect(event.Records.length).toBeGreaterThan(0);
    for (const record of event.Records) {
      expect(record.eventSource).toBe('aws:sqs');
      const parsed = parseSqsRecord(record);
      expect(parsed.kind).not.toBe('invalid');
      if (parsed.kind === 'events') {
        for (const e of parsed.events) {
          expect(e.sequencer).toMatch(/^[0-9A-F]+$/);
          const raw = (JSON.parse(record.body) as { Records: { s3: { object: { key: string } } }[] }).Records;
          expect(raw.map((r) => r.s3.object.key)).toContain(encodeS3EventKey(e.ref.key));
        }
      }
    }
  });

  it('include a test event, an encoded key and a delete', () => {
    const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as SQSEvent;
    expect(parseSqsRecord(read('sqs-s3-test-event.json').Records[0] as SQSEvent['Records'][0]).kind).toBe(
      'test-event',
    );
    const encoded = parseSqsRecord(
      read('sqs-s3-object-created-encoded-key.json').Records[0] as SQSEvent['Records'][0],
    );
    expect(encoded.kind === 'events' && encoded.events[0]?.ref.key).toBe(
      'incoming/2026 11/über café+1 100%.json',
    );
    const removed = parseSqsRecord(
      read('sqs-s3-object-removed-delete-marker.json').Records[0] as SQSEvent['Records'][0],
    );
    expect(removed.kind === 'events' && removed.events[0]?.kind).toBe('removed');
  });
});
