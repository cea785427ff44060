import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateProject,
  DeleteProject,
  GetProject,
  ListProjects,
  MarkProjectReady,
  UpdateProject,
} from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { ProjectService } from './project.service';

@Controller()
export class ProjectsHandler {
  constructor(private readonly projects: ProjectService) {}

  @MessagePattern(CreateProject.Subject)
  create(
    @Payload(ContractPipe.of(CreateProject.Request)) req: CreateProject.Request,
  ): Promise<CreateProject.Reply> {
    return this.projects.create(req);
  }

  @MessagePattern(ListProjects.Subject)
  list(
    @Payload(ContractPipe.of(ListProjects.Request)) req: ListProjects.Request,
  ): Promise<ListProjects.Reply> {
    return this.projects.list(req);
  }

  @MessagePattern(GetProject.Subject)
  get(@Payload(ContractPipe.of(GetProject.Request)) req: GetProject.Request): Promise<GetProject.Reply> {
    return this.projects.get(req);
  }

  @MessagePattern(UpdateProject.Subject)
  update(
    @Payload(ContractPipe.of(UpdateProject.Request)) req: UpdateProject.Request,
  ): Promise<UpdateProject.Reply> {
    return this.projects.update(req);
  }

  @MessagePattern(MarkProjectReady.Subject)
  ready(
    @Payload(ContractPipe.of(MarkProjectReady.Request)) req: MarkProjectReady.Request,
  ): Promise<MarkProjectReady.Reply> {
    return this.projects.markReady(req);
  }

  @MessagePattern(DeleteProject.Subject)
  delete(
    @Payload(ContractPipe.of(DeleteProject.Request)) req: DeleteProject.Request,
  ): Promise<DeleteProject.Reply> {
    return this.projects.delete(req);
  }
}
