import type { PromptedJob } from '../../prompts/prompted-job';
import { readProjectName, readRequirementsText } from '../job-input.reader';
import { stripMarkers } from '../offline-markers';
import { kebabCase, keywords } from '../text-tools';

/** A package/image name for the project: its name if the input has one, else from the requirement. */
export function projectSlug(job: PromptedJob): string {
  const name = readProjectName(job.input) ?? stripMarkers(readRequirementsText(job.input));
  return kebabCase(keywords(name, 4)) || 'shipyard-project';
}
