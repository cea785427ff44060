import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { RunStatuses, type RunStatus } from '../enums';

/**
 * Core NATS notification (at-most-once) that a user changed a run's control (pause, resume, stop, budget),
 * or created a run (QUEUED, control `run`). The orchestrator owning the run wakes it at once; a run nobody
 * drives is claimed at once by an orchestrator with room. Orchestrators also poll, so a lost notification
 * only delays the change. Published after the change committed.
 */
export const Subject = 'run.v1.evt.control-changed';

export class Body {
  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  runId!: string;

  @IsIn(RunStatuses)
  status!: RunStatus;

  @IsIn(['run', 'pause', 'stop'])
  control!: 'run' | 'pause' | 'stop';

  @IsInt()
  @Min(0)
  resumeSeq!: number;
}
