import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateTask, GetTask, ListTasks, UpdateTask } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { TaskService } from './task.service';

@Controller()
export class TasksHandler {
  constructor(private readonly tasks: TaskService) {}

  @MessagePattern(CreateTask.Subject)
  create(@Payload(ContractPipe.of(CreateTask.Request)) req: CreateTask.Request): Promise<CreateTask.Reply> {
    return this.tasks.create(req);
  }

  @MessagePattern(UpdateTask.Subject)
  update(@Payload(ContractPipe.of(UpdateTask.Request)) req: UpdateTask.Request): Promise<UpdateTask.Reply> {
    return this.tasks.update(req);
  }

  @MessagePattern(ListTasks.Subject)
  list(@Payload(ContractPipe.of(ListTasks.Request)) req: ListTasks.Request): Promise<ListTasks.Reply> {
    return this.tasks.list(req);
  }

  @MessagePattern(GetTask.Subject)
  get(@Payload(ContractPipe.of(GetTask.Request)) req: GetTask.Request): Promise<GetTask.Reply> {
    return this.tasks.get(req);
  }
}
