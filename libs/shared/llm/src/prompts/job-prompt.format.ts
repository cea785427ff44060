/**
 * Delimiters of the job block inside the user message. The JSON between them is pretty-printed, so none
 * of its lines can start with the closing delimiter (strings never contain raw newlines): the block can be
 * cut out again without a JSON-aware scanner.
 */
export const JOB_BLOCK_OPEN = '<<<SHIPYARD_JOB';
export const JOB_BLOCK_CLOSE = 'SHIPYARD_JOB>>>';
export const JOB_PROMPT_FORMAT = 'shipyard-job/1';
