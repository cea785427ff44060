import type { AgentComment, FileChange } from '@shipyard/contracts';
import { fileList, totalBytes } from './comment-text';

/**
 * The PROGRESS comment of every role that writes files (developer, docs, devops): who wrote them, what
 * for, and which files, without their contents (those are the job's output and end up in the artifact).
 */
export function filesProgressComment(options: {
  author: string;
  /** What the files are, e.g. "Implementation of T1: Parse input". */
  heading: string;
  summary?: string;
  files: readonly FileChange[];
}): AgentComment {
  const { author, heading, summary, files } = options;
  const parts = [`${heading}, by ${author}.`];
  if (summary) parts.push(summary);
  parts.push(`Files written (${files.length}):\n${fileList(files)}`);
  return {
    commentType: 'PROGRESS',
    body: parts.join('\n\n'),
    metrics: { files: files.length, bytes: totalBytes(files) },
  };
}
