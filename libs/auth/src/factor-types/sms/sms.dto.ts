import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** SMS-1: the number to enroll, in international form; checked with libphonenumber by the authenticator. */
export class SmsEnrollmentPayload {
  @ApiPropertyOptional({ description: 'SMS only; any common format, stored as E.164', example: '+1 415 555 0123' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phoneNumber?: string;
}

/** SMS-3: a started SMS enrollment, under `sms`: the code is on its way, confirm it like any challenge. */
export class SmsEnrollmentAnswer {
  @ApiProperty({ format: 'uuid', description: 'The challenge that carries the code; see its delivery at GET …/challenges/{challengeId}' })
  challengeId!: string;

  @ApiProperty({ example: '+1******0123' })
  maskedPhoneNumber!: string;

  @ApiProperty({ format: 'date-time' })
  codeExpiresAt!: string;

  @ApiProperty({ format: 'date-time', description: 'The earliest moment POST …/resend sends another code (SMS-5)' })
  resendAvailableAt!: string;
}
