export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
}

export interface SmsReceipt {
  messageId: string;
  status: string;
}

/** A send that did not happen. Permanent failures (a bad number) are not retried (SMS-6). */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}

/** Where SMS go: a Twilio-compatible API or, in development, the log (SMS-6). */
export abstract class SmsProvider {
  abstract readonly name: string;
  abstract send(message: SmsMessage): Promise<SmsReceipt>;
}
