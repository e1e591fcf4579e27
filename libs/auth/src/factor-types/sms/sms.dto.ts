import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** SMS-1: the number to enroll, in international form; checked with libphonenumber by the authenticator. */
export class SmsEnrollmentPayload {
  @ApiPropertyOptional({ description: 'SMS only; any common format, stored as E.164', example: '+1 415 555 0123' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phoneNumber?: string;
}
