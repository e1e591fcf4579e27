import { AsyncLocalStorage } from 'node:async_hooks';

/** What the service knows about the request being served; read by logs and audit events (AUD-1, OPS-3). */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
