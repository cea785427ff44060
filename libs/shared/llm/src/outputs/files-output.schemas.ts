import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import type { DocumentOutput, ImplementOutput, PrepareDeployOutput } from '@shipyard/contracts';
import { FileChangeSchema } from './file-change.schema';

/** `implement`, `fix` and `bootstrap_repo` answers. */
export class ImplementOutputSchema implements ImplementOutput {
  @IsString()
  @Length(1, 10_000)
  summary!: string;

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FileChangeSchema)
  files!: FileChangeSchema[];
}

/** `document` answer. */
export class DocumentOutputSchema implements DocumentOutput {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FileChangeSchema)
  files!: FileChangeSchema[];
}

/** `prepare_deploy` answer. */
export class PrepareDeployOutputSchema implements PrepareDeployOutput {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FileChangeSchema)
  files!: FileChangeSchema[];
}
