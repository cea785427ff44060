import { AgentRoles, JobKinds, type AgentRole, type JobKind } from '@shipyard/contracts';
import type { ChatMessage } from '../chat-model.port';
import { JOB_BLOCK_CLOSE, JOB_BLOCK_OPEN, JOB_PROMPT_FORMAT } from './job-prompt.format';
import type { PromptedJob } from './prompted-job';

export type ReadJobResult =
  { found: true; job: PromptedJob; messageIndex: number } | { found: false; reason: string };

const BLOCK = new RegExp(`${escape(JOB_BLOCK_OPEN)}\\n([\\s\\S]*?)\\n${escape(JOB_BLOCK_CLOSE)}`);

/**
 * Finds the job block `buildJobPrompt` wrote in the first user message that has one, and checks it.
 * A prompt someone else wrote (or tampered with) yields `found: false` with the reason, never a guess.
 */
export function readJobFromPrompt(messages: readonly ChatMessage[]): ReadJobResult {
  const index = messages.findIndex((m) => m.role === 'user' && BLOCK.test(m.content));
  const message = messages[index];
  if (!message) return { found: false, reason: 'no Shipyard job block in the prompt' };
  const raw = BLOCK.exec(message.content)?.[1] ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { found: false, reason: 'the job block is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { found: false, reason: 'the job block is not a JSON object' };
  }
  const { format, role, kind, attempt, input } = parsed as Record<string, unknown>;
  if (format !== JOB_PROMPT_FORMAT)
    return { found: false, reason: `unsupported job format ${String(format)}` };
  if (!AgentRoles.includes(role as AgentRole))
    return { found: false, reason: `unknown role ${String(role)}` };
  if (!JobKinds.includes(kind as JobKind))
    return { found: false, reason: `unknown job kind ${String(kind)}` };
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1) {
    return { found: false, reason: 'attempt must be a positive integer' };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { found: false, reason: 'input must be a JSON object' };
  }
  return {
    found: true,
    job: { role: role as AgentRole, kind: kind as JobKind, attempt, input: input as Record<string, unknown> },
    messageIndex: index,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
