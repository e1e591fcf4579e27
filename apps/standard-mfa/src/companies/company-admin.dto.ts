import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { REAUTH_INTERVALS, ReauthInterval } from '@sitepass/database';

/** POL-1. The date's calendar validity and the zone's existence are checked by the domain (field errors too). */
export class SetPolicyDto {
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ example: '2026-03-09', description: 'Enforcement starts at 00:00 of this date in timeZone (POL-2)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'enforcementDate must be a date as YYYY-MM-DD' })
  enforcementDate!: string;

  @ApiProperty({ example: 'America/Los_Angeles', description: 'The admin’s IANA time zone' })
  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @ApiPropertyOptional({ enum: REAUTH_INTERVALS, default: '12h' })
  @IsOptional()
  @IsIn(REAUTH_INTERVALS)
  reauthInterval?: ReauthInterval;
}

/** Pages count from 1; at most 100 items a page. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

/** POL-7: `enrolled=false` lists the members who are not ready yet. */
export class MemberStatusQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'enrolled must be true or false' })
  enrolled?: boolean;
}
