import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@sitepass/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCRIPT } from './script';
import { STYLESHEET } from './stylesheet';

interface Asset {
  body: string;
  contentType: string;
}

function hashed(name: string, extension: string, body: string, contentType: string): [string, Asset] {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return [`${name}.${hash}.${extension}`, { body, contentType }];
}

/**
 * PASSKEY-2, PASSKEY-3: @simplewebauthn/browser's own minified bundle (window.SimpleWebAuthnBrowser), as its
 * package publishes it; loaded only by the pages that run a passkey ceremony.
 */
const WEBAUTHN_BROWSER = readFileSync(
  join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js'),
  'utf8',
);

const ASSETS = new Map<string, Asset>([
  hashed('sitepass', 'css', STYLESHEET, 'text/css; charset=utf-8'),
  hashed('sitepass', 'js', SCRIPT, 'text/javascript; charset=utf-8'),
  hashed('webauthn', 'js', WEBAUTHN_BROWSER, 'text/javascript; charset=utf-8'),
]);

/** The URLs of the stylesheet and the scripts: their content hash is in the name, so they are cached for good. */
export const ASSET_URLS = {
  stylesheet: `/assets/${[...ASSETS.keys()].find((name) => name.startsWith('sitepass.') && name.endsWith('.css'))}`,
  script: `/assets/${[...ASSETS.keys()].find((name) => name.startsWith('sitepass.') && name.endsWith('.js'))}`,
  webauthn: `/assets/${[...ASSETS.keys()].find((name) => name.startsWith('webauthn.'))}`,
};

/** WEB-9: the pages' own style and script, from this origin (no CDN), well under 50 KB compressed. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Public()
  @Get(':name')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @Header('X-Content-Type-Options', 'nosniff')
  serve(@Param('name') name: string, @Res({ passthrough: true }) response: Response): string {
    const asset = ASSETS.get(name);
    if (!asset) throw new NotFoundException();
    response.setHeader('Content-Type', asset.contentType);
    return asset.body;
  }
}
