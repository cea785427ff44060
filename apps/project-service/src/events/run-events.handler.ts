import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, ListRunEvents } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { RunEventRepository } from './run-event.repository';

/** The replay source of truth for the gateway's event stream: read-only, so any retry is harmless. */
@Controller()
export class RunEventsHandler {
  constructor(private readonly events: RunEventRepository) {}

  @MessagePattern(ListRunEvents.Subject)
  async list(
    @Payload(ContractPipe.of(ListRunEvents.Request)) req: ListRunEvents.Request,
  ): Promise<ListRunEvents.Reply> {
    if (!(await this.events.runExists(req.tenantId, req.runId))) {
      throw new DomainError('RUN_NOT_FOUND', `Run ${req.runId} not found`, { id: req.runId });
    }
    return { items: await this.events.readAfter(req.runId, req.afterSeq, req.limit) };
  }
}
