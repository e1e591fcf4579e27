import { AddressInfo } from 'node:net';
import { eventually } from './fake-twilio';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** A local SMTP listener that keeps what it receives: the outer-edge fake for email tests. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private readonly refusals: number[] = [];
  url = '';

  /** The next `times` messages are refused with this SMTP reply code (421 transient, 550 permanent). */
  refuse(times: number, responseCode: number): void {
    for (let index = 0; index < times; index += 1) this.refusals.push(responseCode);
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          const refusal = this.refusals.shift();
          if (refusal) return callback(Object.assign(new Error('Refused by the test'), { responseCode: refusal }));
          this.received.push(
            parse(
              raw,
              session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              session.envelope.rcptTo.map((rcpt) => rcpt.address),
            ),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const [head = '', ...body] = raw.split(/\r?\n\r?\n/);
  const subject = head.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
  const encoding = head.match(/^Content-Transfer-Encoding: *(\S+)/im)?.[1]?.toLowerCase();
  const content = body.join('\n\n');
  const text = encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : quotedPrintable(content);
  return { from, to, subject: decodeHeader(subject), text, raw };
}

/** Quoted-printable (RFC 2045): soft line breaks joined, =XX bytes decoded as the UTF-8 they are. */
function quotedPrintable(content: string): string {
  const bytes = content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes long or non-ASCII subjects; white space between two of them is not text. */
function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/**
 * ABUSE-16: the code of the newest enrollment email to an address, read as its user reads it (the end of its first
 * line, in any language), once the worker has delivered at least `count` of them.
 */
export async function emailedEnrollmentCode(smtp: SmtpSink, address: string, count = 1): Promise<string> {
  return eventually(() => {
    const codes = smtp.to(address).flatMap((mail) => mail.text.match(/^[^\n]*[:：] ?(\d{6})\n/)?.[1] ?? []);
    if (codes.length < count) throw new Error(`${codes.length} enrollment email(s) to ${address}, waiting for ${count}`);
    return codes.at(-1)!;
  });
}
