import { IsString, Length, Matches, MaxLength } from 'class-validator';
import type { FileChange } from '@shipyard/contracts';

/**
 * A file an agent writes. The path must be relative and stay inside the repository: a model answer is
 * untrusted input and is later written to disk.
 */
export class FileChangeSchema implements FileChange {
  @IsString()
  @Length(1, 300)
  @Matches(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\-/ ]+$/, {
    message: 'path must be relative, without "..", of letters, digits, . _ - / and spaces',
  })
  path!: string;

  @IsString()
  @MaxLength(500_000)
  content!: string;
}
