import { Clock } from '@sitepass/common';
import { IdentityProvider, IdentityProviderRepository } from '@sitepass/database';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderDiscovery } from './provider-discovery';

class MovableClock extends Clock {
  private at = Date.parse('2026-03-02T09:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
  advance(seconds: number): void {
    this.at += seconds * 1000;
  }
}

/** A provider's discovery endpoint on loopback, serving whatever document the test sets. */
async function discoveryServer(): Promise<{ issuer: string; serve: (document: object) => void; fetches: () => number; close: () => void }> {
  let document: object = {};
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/openid-configuration') return response.writeHead(404).end();
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, serve: (next) => (document = next), fetches: () => fetches, close: () => server.close() };
}

function discoveryFor(issuers: Record<string, string>, clock: Clock): ProviderDiscovery {
  const repository = {
    findBySsoDomain: async (domain: string) =>
      issuers[domain] ? [Object.assign(new IdentityProvider(), { issuer: issuers[domain], clientId: 'sitepass-pay' })] : [],
  } as unknown as IdentityProviderRepository;
  return new ProviderDiscovery(repository, clock);
}

describe('ProviderDiscovery (PAY-11)', () => {
  it('PAY-11 finds the provider by the email’s domain and its authorization endpoint, fetched once per 10 minutes', async () => {
    const server = await discoveryServer();
    try {
      const clock = new MovableClock();
      const discovery = discoveryFor({ 'acme.example': server.issuer }, clock);
      server.serve({ issuer: server.issuer, authorization_endpoint: `${server.issuer}/authorize` });
      expect(await discovery.forEmail('Pat@ACME.example')).toEqual({
        issuer: server.issuer,
        clientId: 'sitepass-pay',
        authorizationEndpoint: `${server.issuer}/authorize`,
      });
      expect(await discovery.forEmail('someone@other.example')).toBeNull();
      await Promise.all([discovery.forEmail('a@acme.example'), discovery.forEmail('b@acme.example')]);
      expect(server.fetches()).toBe(1);
      clock.advance(600);
      server.serve({ issuer: server.issuer, authorization_endpoint: `${server.issuer}/oauth2/authorize` });
      expect((await discovery.forEmail('pat@acme.example'))?.authorizationEndpoint).toBe(`${server.issuer}/oauth2/authorize`);
      expect(server.fetches()).toBe(2);
    } finally {
      server.close();
    }
  });

  it('PAY-11 DIR-6 refuses a document of another issuer, or an endpoint that is not https off loopback, as service_unavailable', async () => {
    const server = await discoveryServer();
    try {
      for (const document of [
        { issuer: 'https://evil.example', authorization_endpoint: `${server.issuer}/authorize` },
        { issuer: server.issuer, authorization_endpoint: 'http://login.acme.example/authorize' },
        { issuer: server.issuer, authorization_endpoint: `${server.issuer}/authorize#fragment` },
        { issuer: server.issuer },
      ]) {
        server.serve(document);
        const discovery = discoveryFor({ 'acme.example': server.issuer }, new MovableClock());
        await expect(discovery.forEmail('pat@acme.example')).rejects.toMatchObject({ code: 'service_unavailable' });
      }
      const unreachable = discoveryFor({ 'acme.example': 'http://127.0.0.1:9' }, new MovableClock());
      await expect(unreachable.forEmail('pat@acme.example')).rejects.toMatchObject({ code: 'service_unavailable' });
    } finally {
      server.close();
    }
  });
});
