import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, TrustedDeviceService, TrustedDeviceView } from '@sitepass/auth';
import { CurrentPrincipal, UuidPipe } from '@sitepass/http';

/** SES-6, ABUSE-9: the devices that skip the MFA step for this user, and their revocation. */
@ApiTags('factors')
@ApiBearerAuth()
@Controller('v1/me/trusted-devices')
export class TrustedDevicesController {
  constructor(private readonly devices: TrustedDeviceService) {}

  @Get()
  async listTrustedDevices(@CurrentPrincipal() principal: Principal): Promise<{ items: TrustedDeviceView[] }> {
    return { items: await this.devices.list(principal.userId) };
  }

  @Delete(':deviceId')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeTrustedDevice(@CurrentPrincipal() principal: Principal, @Param('deviceId', UuidPipe) deviceId: string): Promise<void> {
    return this.devices.revokeOwn(principal.userId, deviceId);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeTrustedDevices(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.devices.revokeAllOwn(principal.userId);
  }
}
