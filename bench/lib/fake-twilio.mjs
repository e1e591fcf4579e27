import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';

/**
 * A local HTTP server speaking Twilio's Messages API (POST …/Messages.json, form-encoded): it
 * timestamps each request on arrival with the bench process's clock (performance.now()) and answers
 * 201 with a message sid. `arrival(to)` resolves with the arrival time of the first message to a number.
 */
export class FakeTwilio {
  arrivals = new Map();
  waiters = new Map();
  count = 0;
  /** Every message to each number, in order: `{ at, body }` (the soak reads codes and counts duplicates). */
  messages = new Map();
  messageWaiters = new Set();

  async start() {
    this.server = http.createServer((request, response) => {
      const at = performance.now();
      let raw = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(raw);
        const to = form.get('To');
        this.count += 1;
        this.messages.set(to, [...(this.messages.get(to) ?? []), { at, body: form.get('Body') ?? '' }]);
        for (const waiter of this.messageWaiters) waiter();
        if (!this.arrivals.has(to)) {
          this.arrivals.set(to, at);
          for (const wake of this.waiters.get(to) ?? []) wake(at);
          this.waiters.delete(to);
        }
        const body = JSON.stringify({ sid: `SM${String(this.count).padStart(32, '0')}`, status: 'queued', to });
        response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      });
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  /** The arrival time of the first message to `to`; rejects after `timeoutMs`. */
  arrival(to, timeoutMs = 30_000) {
    if (this.arrivals.has(to)) return Promise.resolve(this.arrivals.get(to));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SMS to ${to} within ${timeoutMs} ms`)), timeoutMs);
      const wake = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
      this.waiters.set(to, [...(this.waiters.get(to) ?? []), wake]);
    });
  }

  /** The first message to `to` that arrived after `afterMs` (performance.now()), or null after `timeoutMs`. */
  async messageAfter(to, afterMs, timeoutMs) {
    const find = () => (this.messages.get(to) ?? []).find((message) => message.at > afterMs) ?? null;
    const deadline = performance.now() + timeoutMs;
    while (!find() && performance.now() < deadline) {
      await new Promise((resolve) => {
        const wake = () => (this.messageWaiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, Math.max(0, deadline - performance.now()));
        this.messageWaiters.add(wake);
      });
    }
    return find();
  }

  close() {
    return new Promise((resolve) => this.server.close(resolve));
  }
}
