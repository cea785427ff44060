import { SseParser } from './sse-parser';

test('messages split across chunks come out whole, comments apart', () => {
  const parser = new SseParser();
  expect(parser.push('retry: 2000\n\nid: 1\nevent: run.status\nda')).toEqual([{}]);
  expect(parser.push('ta: {"seq":1}\n\n: heartbeat\n\nid: 2\r\n')).toEqual([
    { id: '1', event: 'run.status', data: '{"seq":1}' },
    { comment: 'heartbeat' },
  ]);
  expect(parser.push('data: a\r\ndata: b\r\n\r\n')).toEqual([{ id: '2', data: 'a\nb' }]);
});
