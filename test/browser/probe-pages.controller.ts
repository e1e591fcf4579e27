import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { Public } from '@sitepass/common';
import { CSRF_FIELD, CsrfToken, escapeHtml } from '@sitepass/http';
import { IsString, MaxLength, MinLength } from 'class-validator';
import QRCode from 'qrcode';

class ProbeFormDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

/** The otpauth URI the QR page shows, and nowhere as text: a test can only learn it by reading the image. */
export const PROBE_OTPAUTH_URI = 'otpauth://totp/Sitepass:zoe%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Sitepass';

/** A 1×1 transparent GIF, so the inaccessible page's image loads under the CSP's `img-src 'self' data:`. */
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';

/**
 * Test-only pages under the `/pages` prefix, written as a hosted page will be (WEB-7, WEB-8, WEB-9): a whole
 * document with its language, title and one main landmark, a form that posts without script and carries its
 * CSRF token, and a same-origin script that only adds a convenience (here, a mark the tests look for). They
 * stand in for the product's pages until those exist, so that the browser tests prove the edge and their own
 * support code in Chromium.
 */
@Controller('pages/probe')
export class ProbePagesController {
  @Public()
  @Get('form')
  form(@CsrfToken() csrfToken: string): string {
    return htmlDocument(
      'Your name',
      `<h1>Your name</h1>
<form method="post" action="/pages/probe/form">
<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">
<p><label for="name">Name</label>
<input id="name" name="name" autocomplete="name" required maxlength="100"></p>
<p><button type="submit">Send</button></p>
</form>`,
    );
  }

  @Public()
  @Post('form')
  @HttpCode(200)
  submit(@Body() body: ProbeFormDto): string {
    return htmlDocument('Thank you', `<h1>Thank you, ${escapeHtml(body.name)}</h1>\n<p>We have your name.</p>`);
  }

  @Public()
  @Get('enhance.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  enhance(): string {
    return "document.documentElement.dataset.enhanced = 'true';\n";
  }

  @Public()
  @Get('authenticator')
  async authenticator(): Promise<string> {
    const qrCode = await QRCode.toDataURL(PROBE_OTPAUTH_URI, { errorCorrectionLevel: 'M', margin: 4 });
    return htmlDocument(
      'Set up your authenticator app',
      `<h1>Set up your authenticator app</h1>\n<p><img id="qr-code" src="${qrCode}" alt="QR code to scan with your authenticator app"></p>`,
    );
  }

  /** Breaks two WCAG rules on purpose, so that a test sees checkAccessibility report them. */
  @Public()
  @Get('inaccessible')
  inaccessible(): string {
    return htmlDocument('Inaccessible', `<h1>Inaccessible</h1>\n<p><img id="logo" src="${PIXEL}"></p>\n<p><input id="unlabelled"></p>`);
  }
}

function htmlDocument(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sitepass</title>
<script src="/pages/probe/enhance.js" defer></script>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}
