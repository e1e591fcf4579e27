import { ApiProperty } from '@nestjs/swagger';
import { TrustedDeviceView } from '@sitepass/auth';
import { Amr } from '@sitepass/database';
import { AMR_VALUES } from '@sitepass/http';

/** A device that skips the MFA step (SES-6), as its user sees it (ABUSE-9). */
export class TrustedDeviceDto implements TrustedDeviceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'The MFA proof that trusted the device; trust lasts the re-authentication interval from it',
  })
  mfaTime!: string;

  @ApiProperty({ enum: AMR_VALUES, isArray: true, description: 'RFC 8176 methods of that proof' })
  amr!: Amr[];

  @ApiProperty({ format: 'uuid', description: 'The factor proven: the device is trusted only while it is active' })
  factorId!: string;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent!: string | null;
}

export class TrustedDeviceListDto {
  @ApiProperty({ type: [TrustedDeviceDto], description: 'Newest first' })
  items!: TrustedDeviceDto[];
}
