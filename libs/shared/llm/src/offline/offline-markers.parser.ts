import { JobKinds, type JobKind } from '@shipyard/contracts';

/**
 * How a test scripts the offline model: markers such as `[offline:review-rejects=2]` anywhere in the job
 * input (usually the requirement text, which the offline PM copies into every task it plans).
 */
export interface OfflineMarkers {
  /** Tasks the PM plans; absent: one per requirement statement, 2 to 8. */
  tasks?: number;
  /** Tasks per dependency chain: task i depends on task i-1 unless i starts a new chain. */
  chainLength: number;
  /** Review rounds per task that the lead rejects before approving. */
  reviewRejects: number;
  /** Security scans that report a critical finding before the scans come back clean. */
  securityCritical: number;
  /** Test rounds per task that QA reports as failing before they pass. */
  qaFailures: number;
  /** Kinds whose every call fails with a non-retryable error. */
  failKinds: JobKind[];
  /** Kinds whose every call fails with a retryable error (for redelivery and dead-letter tests). */
  failKindsRetryable: JobKind[];
  /** Kinds whose first answer is malformed JSON; the correction turn gets a valid one. */
  invalidJsonKinds: JobKind[];
}

export interface MarkerParse {
  markers: OfflineMarkers;
  /** Markers that were recognised as such but could not be used, for a warning in the log. */
  problems: string[];
}

export const DEFAULT_MARKERS: Readonly<OfflineMarkers> = Object.freeze({
  chainLength: 2,
  reviewRejects: 1,
  securityCritical: 0,
  qaFailures: 0,
  failKinds: [],
  failKindsRetryable: [],
  invalidJsonKinds: [],
});

const MARKER = /\[offline:([a-z-]+)=([^\]\s]{1,200})\]/g;

type IntKey = 'tasks' | 'chainLength' | 'reviewRejects' | 'securityCritical' | 'qaFailures';
type KindsKey = 'failKinds' | 'failKindsRetryable' | 'invalidJsonKinds';

const INT_MARKERS: Record<string, { key: IntKey; min: number; max: number }> = {
  tasks: { key: 'tasks', min: 1, max: 50 },
  'chain-length': { key: 'chainLength', min: 1, max: 50 },
  'review-rejects': { key: 'reviewRejects', min: 0, max: 20 },
  'security-critical': { key: 'securityCritical', min: 0, max: 20 },
  'qa-failures': { key: 'qaFailures', min: 0, max: 20 },
};
const KIND_MARKERS: Record<string, KindsKey> = {
  'fail-kind': 'failKinds',
  'fail-kind-retryable': 'failKindsRetryable',
  'invalid-json': 'invalidJsonKinds',
};

/** Reads every marker in `text`. The last value of a repeated number marker wins; kind lists accumulate. */
export function parseOfflineMarkers(text: string): MarkerParse {
  const markers: OfflineMarkers = {
    ...DEFAULT_MARKERS,
    failKinds: [],
    failKindsRetryable: [],
    invalidJsonKinds: [],
  };
  const problems: string[] = [];
  for (const [whole, name = '', value = ''] of text.matchAll(MARKER)) {
    const int = INT_MARKERS[name];
    const kinds = KIND_MARKERS[name];
    if (int) {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isInteger(n) && n >= int.min && n <= int.max) markers[int.key] = n;
      else problems.push(`${whole}: expected an integer from ${int.min} to ${int.max}`);
    } else if (kinds) {
      for (const kind of value.split(',')) {
        if (JobKinds.includes(kind as JobKind)) {
          if (!markers[kinds].includes(kind as JobKind)) markers[kinds].push(kind as JobKind);
        } else {
          problems.push(`${whole}: unknown job kind "${kind}"`);
        }
      }
    } else {
      problems.push(`${whole}: unknown offline marker "${name}"`);
    }
  }
  return { markers, problems };
}

/** Every marker in `text`, verbatim, so the PM can carry them into the tasks it plans. */
export function extractMarkerText(text: string): string[] {
  return [...new Set([...text.matchAll(MARKER)].map((m) => m[0]))];
}

/** The text with its markers removed, for deriving requirement statements and titles. */
export function stripMarkers(text: string): string {
  return text.replace(MARKER, ' ').replace(/[ \t]+/g, ' ');
}
