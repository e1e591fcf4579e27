import { ApiProperty } from '@nestjs/swagger';

/** TOTP-2: a started authenticator-app enrollment, under `totp`: the secret, shown this once. */
export class TotpEnrollmentAnswer {
  @ApiProperty({ description: 'Base32, for typing into the app', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;

  @ApiProperty({ description: 'The secret in groups of four, easier to read out', example: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP' })
  secretGrouped!: string;

  @ApiProperty({
    example:
      'otpauth://totp/Sitepass:pat%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Sitepass&algorithm=SHA1&digits=6&period=30',
  })
  otpauthUri!: string;

  @ApiProperty({ description: 'The otpauth URI as a QR code: a data:image/png;base64 URL' })
  qrCodePngDataUrl!: string;

  @ApiProperty({ description: 'The same QR code as an SVG document' })
  qrCodeSvg!: string;
}
