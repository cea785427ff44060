import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangeRunStatus, CreateRun, GetRun, ListRuns } from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import { ServiceClient } from '../service-client';
import { ContractBodyPipe } from '../http/contract-body.pipe';
import { ContractQueryPipe } from '../http/contract-query.pipe';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import {
  ApiAnswers,
  ApiCommon,
  ApiContractBody,
  ApiContractQuery,
  ApiUuidParam,
} from '../openapi/api-docs.decorators';

/** Lifecycle actions take an optional `{ reason }`; no body at all is the same as `{}`. */
const ReasonPipe = ContractBodyPipe.of(ChangeRunStatus.Body, { optional: true });

/** Runs of a project; the config snapshot is frozen at creation. Lifecycle actions are checked transitions. */
@ApiTags('runs')
@ApiCommon()
@Controller('api/runs')
export class RunsController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiContractBody('CreateRunBody')
  @ApiAnswers(201, 'RunView', 404, 409, 413)
  @ApiIdempotencyKey()
  create(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body(ContractBodyPipe.of(CreateRun.Body)) body: CreateRun.Body,
  ): Promise<CreateRun.Reply> {
    return this.rpc.request(CreateRun.Subject, {
      ...body,
      tenantId,
      idempotencyKey,
    } satisfies CreateRun.Request);
  }

  @Get()
  @ApiContractQuery(ListRuns.Query)
  @ApiAnswers(200, 'RunPage')
  list(
    @TenantId() tenantId: string,
    @Query(ContractQueryPipe.of(ListRuns.Query)) query: ListRuns.Query,
  ): Promise<ListRuns.Reply> {
    return this.rpc.request(ListRuns.Subject, { ...query, tenantId } satisfies ListRuns.Request);
  }

  @Get(':id')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'RunView', 404)
  get(@TenantId() tenantId: string, @Param('id', UuidParamPipe) id: string): Promise<GetRun.Reply> {
    return this.rpc.request(GetRun.Subject, { tenantId, id } satisfies GetRun.Request);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiContractBody('ChangeRunStatusBody', { required: false })
  @ApiAnswers(200, 'RunView', 404, 409)
  pause(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(ReasonPipe) body: ChangeRunStatus.Body,
  ): Promise<ChangeRunStatus.Reply> {
    return this.rpc.request(ChangeRunStatus.PauseSubject, {
      ...body,
      tenantId,
      id,
    } satisfies ChangeRunStatus.Request);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiContractBody('ChangeRunStatusBody', { required: false })
  @ApiAnswers(200, 'RunView', 404, 409)
  resume(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(ReasonPipe) body: ChangeRunStatus.Body,
  ): Promise<ChangeRunStatus.Reply> {
    return this.rpc.request(ChangeRunStatus.ResumeSubject, {
      ...body,
      tenantId,
      id,
    } satisfies ChangeRunStatus.Request);
  }

  @Post(':id/stop')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiContractBody('ChangeRunStatusBody', { required: false })
  @ApiAnswers(200, 'RunView', 404, 409)
  stop(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(ReasonPipe) body: ChangeRunStatus.Body,
  ): Promise<ChangeRunStatus.Reply> {
    return this.rpc.request(ChangeRunStatus.StopSubject, {
      ...body,
      tenantId,
      id,
    } satisfies ChangeRunStatus.Request);
  }
}
