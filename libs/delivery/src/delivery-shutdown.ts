import { Injectable } from '@nestjs/common';

/**
 * REL-6: how a stopping worker makes the sends still in flight at the end of its drain give their lease back.
 * `stop()` abandons every send waiting on its provider: its outbox row is pending again without the
 * attempt counted, and its job is retried by whichever worker takes it next. A provider that received the
 * request may still deliver it: delivery to the provider stays at least once, as after a timeout.
 */
@Injectable()
export class DeliveryShutdown {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    this.controller.abort(new Error('the worker is stopping'));
  }

  /** The send's answer, or a rejection as soon as the worker stops waiting for it. */
  untilStopped<T>(send: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    let onAbort: () => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([send, stopped]).finally(() => signal.removeEventListener('abort', onAbort));
  }
}
