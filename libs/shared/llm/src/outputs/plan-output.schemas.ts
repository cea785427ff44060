import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { AnalyzeRequirementsOutput, CreateTasksOutput, PlannedTask } from '@shipyard/contracts';

/** PM `analyze_requirements` answer. */
export class AnalyzeRequirementsOutputSchema implements AnalyzeRequirementsOutput {
  @IsString()
  @Length(1, 10_000)
  summary!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  requirements!: string[];
}

export class PlannedTaskSchema implements PlannedTask {
  @IsString()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9._-]+$/)
  key!: string;

  @IsString()
  @Length(1, 300)
  title!: string;

  @IsString()
  @Length(1, 20_000)
  description!: string;

  @IsOptional()
  @IsString()
  @Length(1, 50)
  parentKey?: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  dependsOn!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  acceptanceCriteria!: string[];
}

/**
 * PM `create_tasks` answer. Field checks only: unique keys, known dependency keys and the absence of
 * cycles are graph properties the task-tree code checks (and reports as DEPENDENCY_CYCLE).
 */
export class CreateTasksOutputSchema implements CreateTasksOutput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedTaskSchema)
  tasks!: PlannedTaskSchema[];
}
