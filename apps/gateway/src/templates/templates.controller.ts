import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateTemplate,
  CreateTemplateVersion,
  GetTemplate,
  GetTemplateVersion,
  ListTemplates,
  ListTemplateVersions,
} from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import { ServiceClient } from '../service-client';
import { ContractBodyPipe } from '../http/contract-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { ContractQueryPipe } from '../http/contract-query.pipe';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { VersionParamPipe } from '../http/version-param.pipe';
import {
  ApiAnswers,
  ApiCommon,
  ApiContractBody,
  ApiContractQuery,
  ApiUuidParam,
} from '../openapi/api-docs.decorators';

/** Versioned presets: a version never changes; editing creates the next one. */
@ApiTags('templates')
@ApiCommon()
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiContractBody('CreateTemplateBody')
  @ApiAnswers(201, 'TemplateView', 413)
  @ApiIdempotencyKey()
  create(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body(ContractBodyPipe.of(CreateTemplate.Body)) body: CreateTemplate.Body,
  ): Promise<CreateTemplate.Reply> {
    return this.rpc.request(CreateTemplate.Subject, {
      ...body,
      tenantId,
      idempotencyKey,
    } satisfies CreateTemplate.Request);
  }

  @Get()
  @ApiContractQuery(ListTemplates.Query)
  @ApiAnswers(200, 'TemplatePage')
  list(
    @TenantId() tenantId: string,
    @Query(ContractQueryPipe.of(ListTemplates.Query)) query: ListTemplates.Query,
  ): Promise<ListTemplates.Reply> {
    return this.rpc.request(ListTemplates.Subject, { ...query, tenantId } satisfies ListTemplates.Request);
  }

  @Get(':id')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'TemplateView', 404)
  get(@TenantId() tenantId: string, @Param('id', UuidParamPipe) id: string): Promise<GetTemplate.Reply> {
    return this.rpc.request(GetTemplate.Subject, { tenantId, id } satisfies GetTemplate.Request);
  }

  @Post(':id/versions')
  @HttpCode(201)
  @ApiUuidParam('id')
  @ApiContractBody('CreateTemplateVersionBody')
  @ApiAnswers(201, 'TemplateVersionView', 404, 413)
  @ApiIdempotencyKey()
  createVersion(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Body(ContractBodyPipe.of(CreateTemplateVersion.Body)) body: CreateTemplateVersion.Body,
  ): Promise<CreateTemplateVersion.Reply> {
    return this.rpc.request(CreateTemplateVersion.Subject, {
      ...body,
      tenantId,
      id,
      idempotencyKey,
    } satisfies CreateTemplateVersion.Request);
  }

  @Get(':id/versions')
  @ApiUuidParam('id')
  @ApiContractQuery(ListTemplateVersions.Query)
  @ApiAnswers(200, 'TemplateVersionPage', 404)
  listVersions(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Query(ContractQueryPipe.of(ListTemplateVersions.Query)) query: ListTemplateVersions.Query,
  ): Promise<ListTemplateVersions.Reply> {
    return this.rpc.request(ListTemplateVersions.Subject, {
      ...query,
      tenantId,
      id,
    } satisfies ListTemplateVersions.Request);
  }

  @Get(':id/versions/:version')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'TemplateVersionView', 404)
  getVersion(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Param('version', VersionParamPipe) version: number,
  ): Promise<GetTemplateVersion.Reply> {
    return this.rpc.request(GetTemplateVersion.Subject, {
      tenantId,
      id,
      version,
    } satisfies GetTemplateVersion.Request);
  }
}
