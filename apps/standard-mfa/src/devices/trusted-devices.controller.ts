import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, TrustedDeviceService } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { TrustedDeviceListDto } from './trusted-devices.dto';

/** SES-6, ABUSE-9: the devices that skip the MFA step for this user, and their revocation. */
@ApiTags('factors')
@ApiBearerAuth()
@Controller('v1/me/trusted-devices')
export class TrustedDevicesController {
  constructor(private readonly devices: TrustedDeviceService) {}

  @Get()
  @ApiOkResponse({ type: TrustedDeviceListDto })
  @ApiErrors(...ACCESS_TOKEN_ERRORS)
  async listTrustedDevices(@CurrentPrincipal() principal: Principal): Promise<TrustedDeviceListDto> {
    return { items: await this.devices.list(principal.userId) };
  }

  @Delete(':deviceId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The device no longer skips the MFA step' })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found')
  revokeTrustedDevice(@CurrentPrincipal() principal: Principal, @Param('deviceId', UuidPipe) deviceId: string): Promise<void> {
    return this.devices.revokeOwn(principal.userId, deviceId);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'No device of the user skips the MFA step any more' })
  @ApiErrors(...ACCESS_TOKEN_ERRORS)
  revokeTrustedDevices(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.devices.revokeAllOwn(principal.userId);
  }
}
