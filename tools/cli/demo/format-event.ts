import type { RunEventView } from '@shipyard/contracts';

const MAX_TEXT = 100;

/** One line of text for a terminal: first line only, bounded, control characters out. */
function oneLine(text: string, max = MAX_TEXT): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  // Control characters (terminal escapes in a model's output, say) must not reach the terminal.
  const printable = [...first]
    .map((char) => (isControl(char) ? ' ' : char))
    .join('')
    .trim();
  return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

function clock(iso: string): string {
  return iso.length >= 23 ? iso.slice(11, 23) : iso;
}

/**
 * One readable line per run event: time, seq, what kind of thing happened, and its gist. `taskTitle`
 * names the task of task and comment events when the caller knows it (ids mean nothing to a person).
 */
export function formatEvent(event: RunEventView, taskTitle?: string): string {
  const head = `${clock(event.createdAt)}  #${String(event.seq).padEnd(4)}`;
  const task = taskTitle ? `"${oneLine(taskTitle, 50)}"` : undefined;
  const data = event.data;
  switch (data.type) {
    case 'run.status':
      return `${head} RUN      ${data.status.padEnd(15)} ${oneLine(data.reason)}`;
    case 'task.changed':
      return `${head} TASK     ${data.status.padEnd(15)} ${task ?? data.taskId}${data.reason ? `  (${oneLine(data.reason, 60)})` : ''}`;
    case 'comment.created': {
      const author = data.agentId ? `${data.authorRole}/${data.agentId}` : data.authorRole;
      return `${head} COMMENT  ${data.commentType.padEnd(15)} [${author}]${task ? ` on ${task}` : ''}: ${oneLine(data.body, 80)}`;
    }
    case 'run.usage':
      return `${head} USAGE    ${`${data.totalTokens.toLocaleString('en-US')} tokens`.padEnd(15)} $${data.costUsd.toFixed(4)} so far`;
    case 'run.warning':
      return `${head} WARNING  ${data.code.padEnd(15)} ${oneLine(data.message)}`;
  }
}
