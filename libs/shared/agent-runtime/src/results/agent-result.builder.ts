import {
  AgentResult,
  resultAbout,
  validateContract,
  type AgentComment,
  type AgentFailureCode,
  type AgentJob,
  type AgentUsage,
} from '@shipyard/contracts';

/** The contract's bounds on comments per result and on one comment's body. */
export const MAX_RESULT_COMMENTS = 100;
export const MAX_COMMENT_BODY = 50_000;
const MAX_FAILURE_MESSAGE = 5000;

interface ResultBase {
  job: AgentJob;
  /** The service instance that did the work. */
  agentId: string;
  usage: readonly AgentUsage[];
  comments: readonly AgentComment[];
  finishedAt: Date;
}

/**
 * The result of a job the role's handler finished. Validated against the contract before it leaves, so a
 * handler bug (a comment too long, an output that is not an object) fails here, in the agent, instead of
 * in the orchestrator that would have to guess what was meant.
 */
export function buildSucceededResult(base: ResultBase & { output: object }): AgentResult {
  return build(base, 'succeeded', base.output);
}

/**
 * The result of a job that can never succeed as sent (a non-retryable model error, input no retry can fix,
 * an exhausted allowance): the orchestrator fails the task with the message, or acts on `failureCode`
 * (ALLOWANCE_EXHAUSTED: it may send the job again with a larger allowance), and records the tokens spent.
 */
export function buildFailedResult(
  base: ResultBase & { failureMessage: string; failureCode?: AgentFailureCode },
): AgentResult {
  const message = base.failureMessage.trim() || 'the job failed without a reason';
  return build(
    base,
    'failed',
    {},
    {
      ...(base.failureCode === undefined ? {} : { code: base.failureCode }),
      message: message.slice(0, MAX_FAILURE_MESSAGE),
      retryable: false,
    },
  );
}

function build(
  base: ResultBase,
  status: AgentResult['status'],
  output: object,
  failure?: { code?: AgentFailureCode; message: string; retryable: false },
): AgentResult {
  const { job } = base;
  const plain = {
    ...resultAbout(job),
    agentId: base.agentId,
    status,
    // A JSON round trip: what is stored and published is plain data, never a class instance or undefined.
    output: JSON.parse(JSON.stringify(output)) as Record<string, unknown>,
    usage: base.usage.map((u) => ({
      provider: u.provider,
      model: u.model,
      promptTokens: u.promptTokens,
      completionTokens: u.completionTokens,
    })),
    comments: fitComments(base.comments),
    ...(failure === undefined ? {} : { failure }),
    finishedAt: base.finishedAt.toISOString(),
  };
  return validateContract(AgentResult, JSON.parse(JSON.stringify(plain)));
}

/**
 * Keeps a result within the contract's comment bound without dropping silently: the last slot says how
 * many were left out (their content is in the output, which the comments only summarise).
 */
function fitComments(all: readonly AgentComment[]): AgentComment[] {
  const comments = all.map(fitBody);
  if (comments.length <= MAX_RESULT_COMMENTS) return comments;
  const kept = comments.slice(0, MAX_RESULT_COMMENTS - 1);
  const omitted = comments.length - kept.length;
  return [
    ...kept,
    {
      commentType: 'NOTE',
      body: `${omitted} more comment(s) were left out to keep the result within ${MAX_RESULT_COMMENTS} comments; the job's output has every item.`,
    },
  ];
}

/** A body past the contract's bound is cut with a note (the full content is in the output) rather than refused. */
function fitBody(comment: AgentComment): AgentComment {
  if (comment.body.length <= MAX_COMMENT_BODY) return comment;
  const note = '\n\n[cut to fit the comment size limit; the job output has everything]';
  return { ...comment, body: comment.body.slice(0, MAX_COMMENT_BODY - note.length) + note };
}
