import type { RunEventView } from '@shipyard/contracts';
import { REPLAY_PAGE, RunEventFeed, type RunEventSource } from './run-event-feed';

const RUN = '6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a';

function event(seq: number, terminal = false): RunEventView {
  return {
    runId: RUN,
    seq,
    data: terminal
      ? { type: 'run.status', status: 'COMPLETED', reason: 'done' }
      : { type: 'run.warning', code: 'X', message: `e${seq}` },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * A scripted source: `log` is what PostgreSQL holds (grown by the script), `liveReads` what successive
 * live reads answer. Records every call so the spec can say which source served what.
 */
class ScriptedSource implements RunEventSource {
  readonly calls: string[] = [];
  constructor(
    public log: RunEventView[],
    private readonly liveReads: ((afterSeq: number) => RunEventView[])[],
  ) {}

  replay(afterSeq: number, limit: number): Promise<RunEventView[]> {
    this.calls.push(`replay>${afterSeq}`);
    return Promise.resolve(this.log.filter((e) => e.seq > afterSeq).slice(0, limit));
  }

  live(afterSeq: number): Promise<RunEventView[]> {
    this.calls.push(`live>${afterSeq}`);
    const next = this.liveReads.shift();
    if (!next) throw new Error('the script ran out of live reads');
    return Promise.resolve(next(afterSeq));
  }
}

async function collect(
  source: RunEventSource,
  afterSeq: number,
  maxLive = 100,
): Promise<{ seqs: number[]; end: string }> {
  const seqs: number[] = [];
  let reads = 0;
  const feed = new RunEventFeed(source, afterSeq);
  const end = await feed.run(
    (e) => {
      seqs.push(e.seq);
      return Promise.resolve(true);
    },
    () => reads++ < maxLive,
  );
  return { seqs, end };
}

const range = (from: number, to: number): RunEventView[] =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

test('replays after the given seq, then goes live, and ends after the terminal event', async () => {
  const source = new ScriptedSource(range(1, 3), [
    () => [event(4), event(5)],
    () => [event(6, true), event(7)],
  ]);
  const result = await collect(source, 1);
  expect(result).toEqual({ seqs: [2, 3, 4, 5, 6], end: 'terminal' });
  expect(source.calls).toEqual(['replay>1', 'live>3', 'live>5']);
});

test('live entries that replay already sent are not sent again', async () => {
  // The relay wrote 1..5 to Redis while replay was reading 1..4 from PostgreSQL.
  const source = new ScriptedSource(range(1, 4), [() => range(1, 5), () => [event(6, true)]]);
  expect(await collect(source, 0)).toEqual({ seqs: [1, 2, 3, 4, 5, 6], end: 'terminal' });
});

test('a gap in the live stream is filled from PostgreSQL before anything later is sent', async () => {
  const source = new ScriptedSource(range(1, 2), [
    () => {
      // The stream was trimmed: it starts at 6 while the client has 2. PostgreSQL has 3..7 by now.
      source.log = range(1, 7);
      return [event(6), event(7)];
    },
    () => [event(8, true)],
  ]);
  const result = await collect(source, 0);
  expect(result).toEqual({ seqs: [1, 2, 3, 4, 5, 6, 7, 8], end: 'terminal' });
  expect(source.calls).toEqual(['replay>0', 'live>2', 'replay>2', 'live>7']);
});

test('with nothing live (relay or Redis down) PostgreSQL still delivers', async () => {
  const source = new ScriptedSource(
    [],
    [
      () => {
        source.log = range(1, 2);
        return [];
      },
      () => {
        source.log = [...range(1, 2), event(3, true)];
        return [];
      },
    ],
  );
  expect(await collect(source, 0)).toEqual({ seqs: [1, 2, 3], end: 'terminal' });
});

test('a long history is replayed page by page, each event once', async () => {
  const total = REPLAY_PAGE * 2 + 3;
  const source = new ScriptedSource([...range(1, total - 1), event(total, true)], []);
  const result = await collect(source, 0);
  expect(result.end).toBe('terminal');
  expect(result.seqs).toEqual(range(1, total).map((e) => e.seq));
  expect(source.calls).toEqual(['replay>0', `replay>${REPLAY_PAGE}`, `replay>${REPLAY_PAGE * 2}`]);
});

test('a run that already ended sends its history and stops without going live', async () => {
  const source = new ScriptedSource([event(1), event(2, true)], []);
  expect(await collect(source, 0)).toEqual({ seqs: [1, 2], end: 'terminal' });
  // Resuming after the terminal event: nothing is left, and the feed waits live (the caller closes it).
  const after = new ScriptedSource([event(1), event(2, true)], [() => []]);
  expect(await collect(after, 2, 1)).toEqual({ seqs: [], end: 'closed' });
});

test('stops as soon as the client is gone', async () => {
  const source = new ScriptedSource(range(1, 5), []);
  const seqs: number[] = [];
  const end = await new RunEventFeed(source, 0).run(
    (e) => {
      seqs.push(e.seq);
      return Promise.resolve(e.seq < 3);
    },
    () => true,
  );
  expect({ seqs, end }).toEqual({ seqs: [1, 2, 3], end: 'closed' });
});

test('uses the page the caller already fetched instead of asking again', async () => {
  const source = new ScriptedSource(range(1, 3), [() => [event(4, true)]]);
  const seqs: number[] = [];
  await new RunEventFeed(source, 0).run(
    (e) => {
      seqs.push(e.seq);
      return Promise.resolve(true);
    },
    () => true,
    range(1, 3),
  );
  expect(seqs).toEqual([1, 2, 3, 4]);
  expect(source.calls).toEqual(['live>3']);
});
