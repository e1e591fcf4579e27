import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuditEventType } from '@sitepass/database';
import { AuditEventPageDto, PageQueryDto } from '../companies/company-admin.dto';

/** SMS-10: a destination prefix blocked now. */
export class SmsPrefixBlockDto {
  @ApiProperty({ example: '+1415', description: 'Country calling code and the next 3 digits' })
  prefix!: string;

  @ApiProperty({ example: 'US', description: 'ISO country of the numbers that tripped the guard' })
  country!: string;

  @ApiProperty({ format: 'date-time' })
  since!: string;

  @ApiProperty({ description: 'SMS sent to the prefix in the window when the block began' })
  sends!: number;

  @ApiProperty({ description: 'Of those, codes verified' })
  verified!: number;

  @ApiProperty({ description: 'The usual volume of that hour of the week, for the window (mean of the last 4 weeks)' })
  usualVolume!: number;
}

export class SmsPrefixBlockListDto {
  @ApiProperty({ type: [SmsPrefixBlockDto] })
  items!: SmsPrefixBlockDto[];
}

/** The platform events an operator can filter on: those about no company and no user. */
export const PLATFORM_EVENT_TYPES = ['sms.prefix_blocked', 'sms.prefix_released'] as const satisfies readonly AuditEventType[];

export class PlatformAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLATFORM_EVENT_TYPES })
  @IsOptional()
  @IsIn(PLATFORM_EVENT_TYPES)
  type?: (typeof PLATFORM_EVENT_TYPES)[number];
}

export class PlatformAuditPageDto extends AuditEventPageDto {}
