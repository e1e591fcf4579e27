import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PAY_OPERATIONS, PayOperation } from '../pay-operations';

const OPERATION_RULE = { message: `operation must be one of ${PAY_OPERATIONS.join(', ')}` };

export class StartStepUpDto {
  @IsIn(PAY_OPERATIONS, OPERATION_RULE)
  operation!: PayOperation;

  @IsUUID('all', { message: 'factorId must be a UUID' })
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
