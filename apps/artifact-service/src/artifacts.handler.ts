import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListFiles, PutFiles } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { GitWorkspaces } from './workspace/git-workspaces';

/**
 * Run workspaces over NATS. Callers are services (the orchestrator), never the public API: the tenant and
 * run they name select the repository and are trusted to be consistent, as with every internal subject.
 */
@Controller()
export class ArtifactsHandler {
  constructor(private readonly workspaces: GitWorkspaces) {}

  @MessagePattern(PutFiles.Subject)
  put(@Payload(ContractPipe.of(PutFiles.Request)) req: PutFiles.Request): Promise<PutFiles.Reply> {
    return this.workspaces.put(req);
  }

  @MessagePattern(ListFiles.Subject)
  list(@Payload(ContractPipe.of(ListFiles.Request)) req: ListFiles.Request): Promise<ListFiles.Reply> {
    return this.workspaces.list(req);
  }
}
