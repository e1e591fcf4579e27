import { Logger } from '@nestjs/common';
import { MailSettings } from '@sitepass/config';
import { createTransport, Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Emails go over SMTP with nodemailer, or to the log in development (NOTE-3). */
export abstract class MailTransport {
  abstract send(mail: Mail): Promise<{ messageId: string }>;
  async close(): Promise<void> {}
}

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly settings: MailSettings) {
    super();
    this.transporter = createTransport(settings.smtpUrl!);
  }

  async send(mail: Mail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail({ from: this.settings.from, to: mail.to, subject: mail.subject, text: mail.text });
    return { messageId: info.messageId };
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}

export class LogMailTransport extends MailTransport {
  private readonly logger = new Logger('MailLog');

  async send(mail: Mail): Promise<{ messageId: string }> {
    this.logger.log({ msg: `Email to ${mail.to}: ${mail.subject}`, to: mail.to, subject: mail.subject, text: mail.text });
    return { messageId: `log-${Date.now()}` };
  }
}

export function createMailTransport(settings: MailSettings): MailTransport {
  return settings.smtpUrl ? new SmtpMailTransport(settings) : new LogMailTransport();
}
