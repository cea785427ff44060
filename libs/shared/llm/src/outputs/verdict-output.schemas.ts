import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  FindingSeverity,
  ReviewFinding,
  ReviewOutput,
  SecurityFinding,
  SecurityScanOutput,
  TestOutput,
} from '@shipyard/contracts';

export const FindingSeverities: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

export class ReviewFindingSchema implements ReviewFinding {
  @IsIn(FindingSeverities)
  severity!: FindingSeverity;

  @IsString()
  @Length(1, 5000)
  message!: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  path?: string;
}

/** Lead `review` answer. */
export class ReviewOutputSchema implements ReviewOutput {
  @IsBoolean()
  approved!: boolean;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReviewFindingSchema)
  findings!: ReviewFindingSchema[];
}

/** QA `test` answer. */
export class TestOutputSchema implements TestOutput {
  @IsBoolean()
  passed!: boolean;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  testsRun!: number;

  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  failures!: string[];
}

export class SecurityFindingSchema implements SecurityFinding {
  @IsIn(FindingSeverities)
  severity!: FindingSeverity;

  @IsString()
  @Length(1, 200)
  rule!: string;

  @IsString()
  @Length(1, 5000)
  message!: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  path?: string;
}

/** Security `security_scan` answer. */
export class SecurityScanOutputSchema implements SecurityScanOutput {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SecurityFindingSchema)
  findings!: SecurityFindingSchema[];
}
