import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateTemplate,
  CreateTemplateVersion,
  GetTemplate,
  GetTemplateVersion,
  ListTemplates,
  ListTemplateVersions,
} from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { TemplateService } from './template.service';

@Controller()
export class TemplatesHandler {
  constructor(private readonly templates: TemplateService) {}

  @MessagePattern(CreateTemplate.Subject)
  create(
    @Payload(ContractPipe.of(CreateTemplate.Request)) req: CreateTemplate.Request,
  ): Promise<CreateTemplate.Reply> {
    return this.templates.create(req);
  }

  @MessagePattern(ListTemplates.Subject)
  list(
    @Payload(ContractPipe.of(ListTemplates.Request)) req: ListTemplates.Request,
  ): Promise<ListTemplates.Reply> {
    return this.templates.list(req);
  }

  @MessagePattern(GetTemplate.Subject)
  get(@Payload(ContractPipe.of(GetTemplate.Request)) req: GetTemplate.Request): Promise<GetTemplate.Reply> {
    return this.templates.get(req);
  }

  @MessagePattern(CreateTemplateVersion.Subject)
  createVersion(
    @Payload(ContractPipe.of(CreateTemplateVersion.Request)) req: CreateTemplateVersion.Request,
  ): Promise<CreateTemplateVersion.Reply> {
    return this.templates.createVersion(req);
  }

  @MessagePattern(ListTemplateVersions.Subject)
  listVersions(
    @Payload(ContractPipe.of(ListTemplateVersions.Request)) req: ListTemplateVersions.Request,
  ): Promise<ListTemplateVersions.Reply> {
    return this.templates.listVersions(req);
  }

  @MessagePattern(GetTemplateVersion.Subject)
  getVersion(
    @Payload(ContractPipe.of(GetTemplateVersion.Request)) req: GetTemplateVersion.Request,
  ): Promise<GetTemplateVersion.Reply> {
    return this.templates.getVersion(req);
  }
}
