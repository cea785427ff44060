import type { RunEventView } from '@shipyard/contracts';
import { laterEntryId } from './read-run-event-stream';
import { decodeStreamEntry, seqOfEntryId, STREAM_FIELD, streamEntryId } from './stream-entry';

const RUN = '6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a';
const view: RunEventView = {
  runId: RUN,
  seq: 7,
  data: { type: 'run.status', status: 'RUNNING', reason: 'picked up' },
  createdAt: '2026-01-01T00:00:00.000Z',
};

test('entry ids carry the seq and nothing else', () => {
  expect(streamEntryId(7)).toBe('0-7');
  expect(seqOfEntryId('0-7')).toBe(7);
  expect(seqOfEntryId('0-0')).toBeNull();
  expect(seqOfEntryId('1700000000000-0')).toBeNull();
  expect(seqOfEntryId('0-99999999999999999')).toBeNull();
});

test('an entry written by the relay decodes to its view', () => {
  expect(decodeStreamEntry(RUN, '0-7', [STREAM_FIELD, JSON.stringify(view)])).toEqual(view);
});

test("entries that are not this run's event at that seq are refused", () => {
  const encoded = JSON.stringify(view);
  expect(decodeStreamEntry(RUN, '0-8', [STREAM_FIELD, encoded])).toBeNull();
  expect(
    decodeStreamEntry('00000000-0000-4000-8000-000000000000', '0-7', [STREAM_FIELD, encoded]),
  ).toBeNull();
  expect(decodeStreamEntry(RUN, '0-7', ['other', encoded])).toBeNull();
  expect(decodeStreamEntry(RUN, '0-7', [STREAM_FIELD, '{not json'])).toBeNull();
  expect(decodeStreamEntry(RUN, '0-7', [STREAM_FIELD, JSON.stringify({ ...view, data: null })])).toBeNull();
  // The field name in a value position is not the field.
  expect(decodeStreamEntry(RUN, '0-7', ['x', STREAM_FIELD, STREAM_FIELD, encoded])).toBeNull();
});

test('entry ids compare numerically, part by part', () => {
  expect(laterEntryId('0-10', '0-9')).toBe('0-10');
  expect(laterEntryId('0-9', '1700000000000-0')).toBe('1700000000000-0');
  expect(laterEntryId('5-1', '5-1')).toBe('5-1');
});
