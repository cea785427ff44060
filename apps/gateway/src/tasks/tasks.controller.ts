import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateTask, GetTask, ListTasks, UpdateTask } from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import { ServiceClient } from '../service-client';
import { ContractBodyPipe } from '../http/contract-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { ContractQueryPipe } from '../http/contract-query.pipe';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import {
  ApiAnswers,
  ApiCommon,
  ApiContractBody,
  ApiContractQuery,
  ApiUuidParam,
} from '../openapi/api-docs.decorators';

/** Tasks of a run: a tree through `parentTaskId`, with dependencies inside the same run. */
@ApiTags('tasks')
@ApiCommon()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiContractBody('CreateTaskBody')
  @ApiAnswers(201, 'TaskView', 404, 409, 413)
  @ApiIdempotencyKey()
  create(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body(ContractBodyPipe.of(CreateTask.Body)) body: CreateTask.Body,
  ): Promise<CreateTask.Reply> {
    return this.rpc.request(CreateTask.Subject, {
      ...body,
      tenantId,
      idempotencyKey,
    } satisfies CreateTask.Request);
  }

  @Patch(':id')
  @ApiUuidParam('id')
  @ApiContractBody('UpdateTaskBody')
  @ApiAnswers(200, 'TaskView', 404, 409, 413)
  update(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Body(ContractBodyPipe.of(UpdateTask.Body)) body: UpdateTask.Body,
  ): Promise<UpdateTask.Reply> {
    return this.rpc.request(UpdateTask.Subject, { ...body, tenantId, id } satisfies UpdateTask.Request);
  }

  @Get()
  @ApiContractQuery(ListTasks.Query)
  @ApiAnswers(200, 'TaskPage')
  list(
    @TenantId() tenantId: string,
    @Query(ContractQueryPipe.of(ListTasks.Query)) query: ListTasks.Query,
  ): Promise<ListTasks.Reply> {
    return this.rpc.request(ListTasks.Subject, { ...query, tenantId } satisfies ListTasks.Request);
  }

  @Get(':id')
  @ApiUuidParam('id')
  @ApiAnswers(200, 'TaskWithChildrenView', 404)
  get(@TenantId() tenantId: string, @Param('id', UuidParamPipe) id: string): Promise<GetTask.Reply> {
    return this.rpc.request(GetTask.Subject, { tenantId, id } satisfies GetTask.Request);
  }
}
