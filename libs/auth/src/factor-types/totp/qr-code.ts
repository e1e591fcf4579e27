import { crc32, deflateSync } from 'node:zlib';

export interface QrCodes {
  pngDataUrl: string;
  svg: string;
}

const MODULE_PIXELS = 6;
const QUIET_ZONE_MODULES = 4;

/** The otpauth URI as a QR code, exactly as given, as a PNG data URL and as SVG (TOTP-2). */
export async function renderQrCodes(uri: string): Promise<QrCodes> {
  // Loaded on first use: only enrollment needs it, and every process start pays for what it loads (PERF-5).
  const QRCode = await import('qrcode');
  const qr = QRCode.create(uri, { errorCorrectionLevel: 'M' });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: QUIET_ZONE_MODULES });
  return {
    pngDataUrl: `data:image/png;base64,${encodePng(qr.modules.size, (x, y) => qr.modules.get(y, x) === 1).toString('base64')}`,
    svg,
  };
}

/**
 * A grayscale PNG of the QR matrix. Written here because the PNG encoder bundled with `qrcode` is an
 * order of magnitude slower; the format needs only IHDR, one deflated IDAT and IEND (RFC 2083).
 */
function encodePng(modules: number, isDark: (x: number, y: number) => boolean): Buffer {
  const side = (modules + 2 * QUIET_ZONE_MODULES) * MODULE_PIXELS;
  const rows = Buffer.alloc((side + 1) * side, 0xff);
  for (let y = 0; y < side; y += 1) {
    rows[y * (side + 1)] = 0; // filter type "none"
    const moduleY = Math.floor(y / MODULE_PIXELS) - QUIET_ZONE_MODULES;
    for (let x = 0; x < side; x += 1) {
      const moduleX = Math.floor(x / MODULE_PIXELS) - QUIET_ZONE_MODULES;
      const inside = moduleX >= 0 && moduleY >= 0 && moduleX < modules && moduleY < modules;
      if (inside && isDark(moduleX, moduleY)) rows[y * (side + 1) + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, deflate, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}
