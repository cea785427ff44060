import { LinePrefixer, prefixFor } from './line-prefixer';

async function run(chunks: string[]): Promise<string> {
  const prefixer = new LinePrefixer('svc | ');
  const out: string[] = [];
  prefixer.on('data', (data: Buffer) => out.push(data.toString()));
  const ended = new Promise((resolve) => prefixer.on('end', resolve));
  for (const chunk of chunks) prefixer.write(chunk);
  prefixer.end();
  await ended;
  return out.join('');
}

describe('LinePrefixer', () => {
  it('prefixes every line of a chunk', async () => {
    expect(await run(['a\nb\n'])).toBe('svc | a\nsvc | b\n');
  });

  it('joins a line split across chunks before prefixing it', async () => {
    expect(await run(['hel', 'lo\nwor', 'ld\n'])).toBe('svc | hello\nsvc | world\n');
  });

  it('emits an unterminated last line when the stream ends', async () => {
    expect(await run(['last words'])).toBe('svc | last words\n');
  });

  it('keeps empty lines', async () => {
    expect(await run(['\n\n'])).toBe('svc | \nsvc | \n');
  });
});

describe('prefixFor', () => {
  it('pads names to one width', () => {
    expect(prefixFor('qa', 0, 6, false)).toBe('qa     | ');
  });

  it('colours only when asked, and the label survives', () => {
    const coloured = prefixFor('qa', 3, 2, true);
    expect(coloured).toContain('qa | ');
    expect(coloured.startsWith('\u001b[')).toBe(true);
  });
});
