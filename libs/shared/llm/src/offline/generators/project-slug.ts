import type { PromptedJob } from '../../prompts/prompted-job';
import { readProjectName, readRequirementLines } from '../job-input.reader';
import { kebabCase, keywords } from '../text.utils';

/** A package/image name for the project: its name if the input has one, else from the requirements. */
export function projectSlug(job: PromptedJob): string {
  const name = readProjectName(job.input) ?? readRequirementLines(job.input).join(' ');
  const words = keywords(name, 4);
  return words.length > 0 ? kebabCase(words) : 'shipyard-project';
}
