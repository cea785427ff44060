import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateProject,
  DeleteProject,
  GetProject,
  ListProjects,
  MarkProjectReady,
  UpdateProject,
} from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import { ServiceClient } from '../service-client';
import { ContractBodyPipe } from '../http/contract-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { ContractQueryPipe } from '../http/contract-query.pipe';
import { NoBodyPipe } from '../http/no-body.pipe';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import {
  ApiAnswers,
  ApiCommon,
  ApiContractBody,
  ApiContractQuery,
  ApiUuidParam,
} from '../openapi/api-docs.decorators';

/** A requirement plus a pinned template version: DRAFT, then READY once its merged config is complete. */
@ApiTags('projects')
@ApiCommon()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiContractBody('CreateProjectBody')
  @ApiAnswers(201, 'ProjectView', 404, 413)
  @ApiIdempotencyKey()
  create(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body(ContractBodyPipe.of(CreateProject.Body)) body: CreateProject.Body,
  ): Promise<CreateProject.Reply> {
    return this.rpc.request(CreateProject.Subject, {
      ...body,
      tenantId,
      idempotencyKey,
    } satisfies CreateProject.Request);
  }

  @Get()
  @ApiContractQuery(ListProjects.Query)
  @ApiAnswers(200, 'ProjectPage')
  list(
    @TenantId() tenantId: string,
    @Query(ContractQueryPipe.of(ListProjects.Query)) query: ListProjects.Query,
  ): Promise<ListProjects.Reply> {
    return this.rpc.request(ListProjects.Subject, { ...query, tenantId } satisfies ListProjects.Request);
  }

  @Get(':id')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'ProjectView', 404)
  get(@TenantId() tenantId: string, @Param('id', UuidParamPipe) id: string): Promise<GetProject.Reply> {
    return this.rpc.request(GetProject.Subject, { tenantId, id } satisfies GetProject.Request);
  }

  @Patch(':id')
  @ApiUuidParam('id')
  @ApiContractBody('UpdateProjectBody')
  @ApiAnswers(200, 'ProjectView', 404, 409, 413)
  update(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(ContractBodyPipe.of(UpdateProject.Body)) body: UpdateProject.Body,
  ): Promise<UpdateProject.Reply> {
    return this.rpc.request(UpdateProject.Subject, { ...body, tenantId, id } satisfies UpdateProject.Request);
  }

  @Post(':id/ready')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiAnswers(200, 'ProjectView', 404, 409)
  ready(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(NoBodyPipe) _: undefined,
  ): Promise<MarkProjectReady.Reply> {
    return this.rpc.request(MarkProjectReady.Subject, { tenantId, id } satisfies MarkProjectReady.Request);
  }

  @Delete(':id')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'DeleteProjectReply', 404, 409)
  remove(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(NoBodyPipe) _: undefined,
  ): Promise<DeleteProject.Reply> {
    return this.rpc.request(DeleteProject.Subject, { tenantId, id } satisfies DeleteProject.Request);
  }
}
