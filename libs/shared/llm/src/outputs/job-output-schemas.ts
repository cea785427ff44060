import type { JobKind } from '@shipyard/contracts';
import { classSchema, type OutputSchema } from '../structured/output-schema';
import {
  DocumentOutputSchema,
  ImplementOutputSchema,
  PrepareDeployOutputSchema,
} from './files-output.schemas';
import { AnalyzeRequirementsOutputSchema, CreateTasksOutputSchema } from './plan-output.schemas';
import { ReviewOutputSchema, SecurityScanOutputSchema, TestOutputSchema } from './verdict-output.schemas';

/**
 * The class-validator schema of each job kind's output (agent-outputs.ts in the contracts declares the
 * shapes as interfaces only). Agents pass these to `completeStructured`; a kind added to the contracts
 * without a schema here fails the typecheck.
 */
export const JOB_OUTPUT_SCHEMAS: Readonly<Record<JobKind, OutputSchema<object>>> = Object.freeze({
  analyze_requirements: classSchema(AnalyzeRequirementsOutputSchema),
  create_tasks: classSchema(CreateTasksOutputSchema),
  bootstrap_repo: classSchema(ImplementOutputSchema),
  implement: classSchema(ImplementOutputSchema),
  fix: classSchema(ImplementOutputSchema),
  review: classSchema(ReviewOutputSchema),
  test: classSchema(TestOutputSchema),
  security_scan: classSchema(SecurityScanOutputSchema),
  document: classSchema(DocumentOutputSchema),
  prepare_deploy: classSchema(PrepareDeployOutputSchema),
});
