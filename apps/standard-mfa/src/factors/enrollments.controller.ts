import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, EnrollmentService, MfaTokenOrAccessAuth } from '@sitepass/auth';
import { StartEnrollmentDto, UuidPipe, VerifyCodeDto } from '@sitepass/http';

/** Enrollment of an authenticator app or a phone (TOTP-2, TOTP-3, TOTP-5, LOGIN-4, POL-8). */
@ApiTags('enrollment')
@ApiBearerAuth()
@MfaTokenOrAccessAuth()
@Controller('v1/enrollments')
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentService) {}

  @Post()
  startEnrollment(@CurrentCaller() caller: Caller, @Body() body: StartEnrollmentDto) {
    return this.enrollments.startEnrollment(caller, body);
  }

  @Post(':enrollmentId/confirm')
  @HttpCode(HttpStatus.OK)
  async confirmEnrollment(@CurrentCaller() caller: Caller, @Param('enrollmentId', UuidPipe) enrollmentId: string, @Body() body: VerifyCodeDto) {
    const { factor, recoveryCode, session } = await this.enrollments.confirmEnrollment(caller, enrollmentId, body.code);
    return { factor, ...(recoveryCode ? { recoveryCode } : {}), ...(session ?? {}) };
  }
}
