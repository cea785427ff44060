import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangeRunStatus, CreateRun, GetRun, ListRuns } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { RunService } from './run.service';

@Controller()
export class RunsHandler {
  constructor(private readonly runs: RunService) {}

  @MessagePattern(CreateRun.Subject)
  create(@Payload(ContractPipe.of(CreateRun.Request)) req: CreateRun.Request): Promise<CreateRun.Reply> {
    return this.runs.create(req);
  }

  @MessagePattern(GetRun.Subject)
  get(@Payload(ContractPipe.of(GetRun.Request)) req: GetRun.Request): Promise<GetRun.Reply> {
    return this.runs.get(req);
  }

  @MessagePattern(ListRuns.Subject)
  list(@Payload(ContractPipe.of(ListRuns.Request)) req: ListRuns.Request): Promise<ListRuns.Reply> {
    return this.runs.list(req);
  }

  @MessagePattern(ChangeRunStatus.PauseSubject)
  pause(
    @Payload(ContractPipe.of(ChangeRunStatus.Request)) req: ChangeRunStatus.Request,
  ): Promise<ChangeRunStatus.Reply> {
    return this.runs.pause(req);
  }

  @MessagePattern(ChangeRunStatus.ResumeSubject)
  resume(
    @Payload(ContractPipe.of(ChangeRunStatus.Request)) req: ChangeRunStatus.Request,
  ): Promise<ChangeRunStatus.Reply> {
    return this.runs.resume(req);
  }

  @MessagePattern(ChangeRunStatus.StopSubject)
  stop(
    @Payload(ContractPipe.of(ChangeRunStatus.Request)) req: ChangeRunStatus.Request,
  ): Promise<ChangeRunStatus.Reply> {
    return this.runs.stop(req);
  }
}
