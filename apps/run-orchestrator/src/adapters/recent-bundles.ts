import type { FileChange } from '@shipyard/contracts';

/**
 * The file bundles this orchestrator wrote or read last, by key (tenant, run and ref id), bounded by count
 * and by characters. A bundle never changes under its ref id (both derive from the job id), so a hit is
 * always right; what it saves is a read of `artifact_bundles` and the parse of its JSON: the review and test
 * jobs after an implementation read the bundle it just wrote.
 */
export class RecentBundles {
  private readonly bundles = new Map<string, { files: FileChange[]; chars: number }>();
  private chars = 0;

  constructor(
    private readonly maxBundles = 512,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  get(key: string): FileChange[] | undefined {
    const hit = this.bundles.get(key);
    if (!hit) return undefined;
    // Most recently used last: Map keeps insertion order, so eviction takes from the front.
    this.bundles.delete(key);
    this.bundles.set(key, hit);
    return hit.files;
  }

  set(key: string, files: FileChange[]): void {
    const chars = files.reduce((sum, f) => sum + f.path.length + f.content.length, 0);
    if (chars > this.maxChars) return;
    this.delete(key);
    this.bundles.set(key, { files, chars });
    this.chars += chars;
    for (const [id] of this.bundles) {
      if (this.bundles.size <= this.maxBundles && this.chars <= this.maxChars) break;
      this.delete(id);
    }
  }

  private delete(key: string): void {
    const held = this.bundles.get(key);
    if (!held) return;
    this.bundles.delete(key);
    this.chars -= held.chars;
  }
}
