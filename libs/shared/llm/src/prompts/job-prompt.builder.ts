import type { ChatMessage } from '../chat-model.port';
import { JOB_BLOCK_CLOSE, JOB_BLOCK_OPEN, JOB_PROMPT_FORMAT } from './job-prompt.format';
import { KIND_INSTRUCTIONS } from './kind-instructions';
import type { PromptedJob } from './prompted-job';
import { ROLE_SYSTEM_PROMPTS } from './role-system-prompts';

export interface JobPrompt {
  system: string;
  messages: ChatMessage[];
}

/**
 * Turns a job into the prompt every model gets: the role's system prompt with the kind's instructions and
 * answer shape, and the job itself as JSON in one user message. The offline model reads the job back out
 * of that message, so agents run the same code path against a real endpoint and offline.
 */
export function buildJobPrompt(job: PromptedJob): JobPrompt {
  const kind = KIND_INSTRUCTIONS[job.kind];
  const system = [
    ROLE_SYSTEM_PROMPTS[job.role],
    '',
    `Your job now (${job.kind}): ${kind.task}`,
    `Answer with exactly one JSON object of this shape and nothing else: ${kind.shape}`,
  ].join('\n');
  const payload = {
    format: JOB_PROMPT_FORMAT,
    role: job.role,
    kind: job.kind,
    attempt: job.attempt,
    input: job.input,
  };
  const user = [
    `Here is the job (format ${JOB_PROMPT_FORMAT}) as JSON between the markers.`,
    JOB_BLOCK_OPEN,
    JSON.stringify(payload, null, 2),
    JOB_BLOCK_CLOSE,
  ].join('\n');
  return { system, messages: [{ role: 'user', content: user }] };
}
