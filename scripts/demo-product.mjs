#!/usr/bin/env node
// The demo's product: a tiny back end that signs its users in through Sitepass's hosted pages, as a real
// product would (WEB-2): it sends the browser to /signin with a PKCE challenge and comes back with a code,
// which it exchanges, from the server, for the user's tokens. Started by `npm run demo` on port 3005.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3005);
const SELF = process.env.DEMO_PRODUCT_URL ?? `http://localhost:${PORT}`;
const PRODUCTS = {
  standard: {
    name: 'Sitepass standard',
    pages: process.env.STANDARD_URL ?? 'http://localhost:3000',
    signIn: '/signin',
    exchange: '/v1/sessions/exchange',
  },
  pay: {
    name: 'Sitepass Pay',
    pages: process.env.PAY_URL ?? 'http://localhost:3001',
    signIn: '/pay/signin',
    exchange: '/v1/pay/sessions/exchange',
  },
};
/** Sign-ins in progress, by their `state`: the PKCE verifier stays on this server, never in the browser. */
const pending = new Map();

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const page = (
  title,
  body,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>${escape(title)}</h1>${body}</body></html>`;

function start(product, response) {
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  pending.set(state, { product, codeVerifier, at: Date.now() });
  const url = new URL(PRODUCTS[product].signIn, PRODUCTS[product].pages);
  url.search = new URLSearchParams({
    return_to: `${SELF}/callback`,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  }).toString();
  response.writeHead(303, { location: url.toString() }).end();
}

async function callback(query, response) {
  const flow = pending.get(query.get('state'));
  pending.delete(query.get('state'));
  if (!flow || Date.now() - flow.at > 10 * 60_000)
    return send(response, 400, page('Demo product', '<p>Unknown or expired sign-in. <a href="/">Start again</a>.</p>'));
  const product = PRODUCTS[flow.product];
  const exchanged = await fetch(new URL(product.exchange, product.pages), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: query.get('code'), codeVerifier: flow.codeVerifier }),
  });
  const tokens = await exchanged.json();
  if (!exchanged.ok)
    return send(
      response,
      502,
      page('Demo product', `<p>The exchange was refused: <code>${escape(tokens.code)}</code>.</p><p><a href="/">Start again</a></p>`),
    );
  const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString('utf8'));
  send(
    response,
    200,
    page(
      'Signed in to the demo product',
      `<p>${escape(product.name)} handed this product a code; the back end exchanged it for tokens.</p>
<dl><dt>User</dt><dd><code>${escape(claims.sub)}</code></dd><dt>Assurance</dt><dd><code>${escape(claims.acr)}</code>, methods <code>${escape(claims.amr.join(', '))}</code></dd>
<dt>Audience</dt><dd><code>${escape(claims.aud)}</code></dd></dl><p><a href="/">Back</a></p>`,
    ),
  );
}

function send(response, status, html) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

createServer((request, response) => {
  const url = new URL(request.url, SELF);
  if (url.pathname === '/login') return start(url.searchParams.get('product') === 'pay' ? 'pay' : 'standard', response);
  if (url.pathname === '/callback')
    return void callback(url.searchParams, response).catch((error) =>
      send(response, 500, page('Demo product', `<p>${escape(error.message)}</p>`)),
    );
  if (url.pathname === '/health/ready') return send(response, 200, 'ok');
  send(
    response,
    200,
    page(
      'Demo product',
      `<p>A product of the construction platform, signing its users in through Sitepass.</p>
<p><a href="/login">Sign in with Sitepass</a> (standard accounts) · <a href="/login?product=pay">Sign in to Pay</a></p>`,
    ),
  );
}).listen(PORT, () => process.stdout.write(`demo product on ${SELF}\n`));
