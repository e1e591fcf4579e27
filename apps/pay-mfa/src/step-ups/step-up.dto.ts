import { ApiProperty } from '@nestjs/swagger';
import { StepUpToken } from '@sitepass/auth';
import { fieldRule } from '@sitepass/i18n';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PAY_OPERATIONS, PayOperation } from '../pay-operations';

const OPERATION_RULE = fieldRule('validation.operation', { values: PAY_OPERATIONS.join(', ') });

export class StartStepUpDto {
  @IsIn(PAY_OPERATIONS, OPERATION_RULE)
  operation!: PayOperation;

  @IsUUID('all', fieldRule('validation.uuid'))
  factorId!: string;
}

export class AuthorizationDto {
  @IsIn(PAY_OPERATIONS, OPERATION_RULE)
  operation!: PayOperation;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  stepUpToken?: string;
}

/** PAY-6: the step-up token, single-use, for this operation in this session. */
export class StepUpTokenDto implements StepUpToken {
  @ApiProperty({ description: 'Opaque; pass it as stepUpToken to POST /v1/pay/authorizations' })
  stepUpToken!: string;

  @ApiProperty({ enum: PAY_OPERATIONS })
  operation!: string;

  @ApiProperty({ description: 'Seconds until the token lapses (5 minutes)' })
  expiresIn!: number;
}

/** PAY-7: the gateway lets the request through; every refusal is an error with its reason. */
export class AuthorizationDecisionDto {
  @ApiProperty({ enum: ['allow'] })
  decision!: 'allow';
}
