import type { JobKind } from '@shipyard/contracts';
import { analyzeRequirements } from './analyze-requirements.generator';
import { bootstrapRepo } from './bootstrap-repo.generator';
import { createTasks } from './create-tasks.generator';
import { document } from './document.generator';
import { fix } from './fix.generator';
import type { OfflineGenerator } from './generation-context';
import { implement } from './implement.generator';
import { prepareDeploy } from './prepare-deploy.generator';
import { review } from './review.generator';
import { securityScan } from './security-scan.generator';
import { testChange } from './test.generator';

/** One generator per job kind; a kind added to the contracts without one here fails the typecheck. */
export const OFFLINE_GENERATORS: Readonly<Record<JobKind, OfflineGenerator>> = Object.freeze({
  analyze_requirements: analyzeRequirements,
  create_tasks: createTasks,
  bootstrap_repo: bootstrapRepo,
  implement,
  fix,
  review,
  test: testChange,
  security_scan: securityScan,
  document,
  prepare_deploy: prepareDeploy,
});
