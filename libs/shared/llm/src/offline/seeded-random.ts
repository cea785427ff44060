import { createHash } from 'node:crypto';

/**
 * A small deterministic generator (mulberry32) seeded from a hash of the input: the offline model varies
 * its wording and numbers between jobs yet answers the same job identically every time.
 */
export class SeededRandom {
  private state: number;

  constructor(seedText: string) {
    this.state = createHash('sha256').update(seedText).digest().readUInt32BE(0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly [T, ...T[]]): T {
    return items[this.int(0, items.length - 1)] ?? items[0];
  }
}
