import type { PromptedJob } from '../../prompts/prompted-job';
import type { OfflineMarkers } from '../offline-markers.parser';
import type { SeededRandom } from '../seeded-random';

/** Everything a per-kind generator may use; all of it derives from the prompt, so output is deterministic. */
export interface GenerationContext {
  job: PromptedJob;
  markers: OfflineMarkers;
  /** Markers verbatim, for generators that carry them forward (the PM into its tasks). */
  markerText: string[];
  /** Round of the review, QA or security loop this job is (1 = first); see `readRound`. */
  round: number;
  random: SeededRandom;
}

/** One job kind's offline answer: a plain object of that kind's output shape (agent-outputs.ts). */
export type OfflineGenerator = (context: GenerationContext) => object;
