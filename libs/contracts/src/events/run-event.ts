import type { AuthorRole, CommentType, RunStatus, TaskStatus } from '../enums';

/** What happened in a run, one entry of its event log. `seq` numbers a run's events 1, 2, 3... with no gaps. */
export type RunEventData =
  | { type: 'run.status'; status: RunStatus; reason: string }
  | { type: 'run.warning'; code: string; message: string }
  | { type: 'task.changed'; taskId: string; status: TaskStatus; reason: string }
  | {
      type: 'comment.created';
      /** Null for a comment on the run as a whole. */
      taskId: string | null;
      commentId: string;
      commentType: CommentType;
      authorRole: AuthorRole;
      agentId: string | null;
      body: string;
    }
  | { type: 'run.usage'; totalTokens: number; costUsd: number };

export type RunEventType = RunEventData['type'];

/**
 * A run event as stored (PostgreSQL `run_events`) and as streamed (Redis stream, SSE). The SSE `id:` is
 * `seq`; a client that reconnects with `Last-Event-ID: <seq>` gets every event after it, once.
 */
export interface RunEventView {
  runId: string;
  seq: number;
  data: RunEventData;
  createdAt: string;
}

/** Redis stream that carries a run's events to every gateway replica; entry ids are `0-<seq>`. */
export const runEventStreamKey = (prefix: string, runId: string): string => `${prefix}run-events:${runId}`;

/** Statuses after which a run's event stream ends. */
export const TerminalRunStatuses: readonly RunStatus[] = [
  'COMPLETED',
  'FAILED',
  'STOPPED_BUDGET',
  'STOPPED_USER',
  'STOPPED_TIMEOUT',
];
