import { Transform, type TransformCallback } from 'node:stream';

/**
 * Puts a prefix before every line of a child's output so that eleven interleaved logs stay readable. Holds
 * back an unfinished last line until its newline arrives (or the stream ends), so a line split across two
 * chunks is not broken in the middle.
 */
export class LinePrefixer extends Transform {
  private pending = '';

  constructor(private readonly prefix: string) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.pending + chunk.toString();
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    if (lines.length > 0) this.push(lines.map((line) => `${this.prefix}${line}\n`).join(''));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending !== '') this.push(`${this.prefix}${this.pending}\n`);
    this.pending = '';
    done();
  }
}

const COLOURS = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94, 91];

/** `name  | ` padded to one width, coloured per service when the terminal shows colour. */
export function prefixFor(name: string, index: number, width: number, colour: boolean): string {
  const label = `${name.padEnd(width)} | `;
  return colour ? `\u001b[${COLOURS[index % COLOURS.length] ?? 36}m${label}\u001b[0m` : label;
}
