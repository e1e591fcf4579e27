import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { createLocalJWKSet, errors, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { DomainError } from '../errors/domain.error';
import { fetchProviderJson } from './provider-fetch';

/** Keys are fetched again after 10 minutes, as jose's remote key sets do by default. */
export const JWKS_MAX_AGE_SECONDS = 600;
/** A token naming a key we lack makes us fetch again, at most once per 30 seconds per provider. */
export const JWKS_COOLDOWN_SECONDS = 30;
const MAX_JWKS_BYTES = 256 * 1024;

interface KeySet {
  lookup: JWTVerifyGetKey;
  fetchedAt: number;
}

/**
 * PAY-11: the signing keys of the companies' identity providers, fetched from their JWKS URLs and kept per
 * instance. jose picks the key for each token (`kid`, `alg`, `kty`); this decides when to fetch, on the
 * injected clock: when none is kept, when the kept set is older than 10 minutes, and when a token names a
 * key the kept set does not hold (the provider rotated its keys) unless the set is younger than 30
 * seconds, so a flood of tokens with made-up key ids costs the provider one request per half-minute.
 * Concurrent fetches of one URL share one request.
 */
@Injectable()
export class ProviderKeys {
  private readonly sets = new Map<string, KeySet>();
  private readonly fetching = new Map<string, Promise<KeySet>>();

  constructor(private readonly clock: Clock) {}

  /** Runs `use` with the provider's keys, once more with fresh keys if it finds no matching key. */
  async withKeys<T>(jwksUri: string, use: (keys: JWTVerifyGetKey) => Promise<T>): Promise<T> {
    const kept = await this.current(jwksUri);
    try {
      return await use(kept.lookup);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || this.ageSeconds(kept) < JWKS_COOLDOWN_SECONDS) throw error;
      return use((await this.fetch(jwksUri, kept)).lookup);
    }
  }

  private async current(jwksUri: string): Promise<KeySet> {
    const kept = this.sets.get(jwksUri);
    if (kept && this.ageSeconds(kept) < JWKS_MAX_AGE_SECONDS) return kept;
    return this.fetch(jwksUri, kept);
  }

  private ageSeconds(set: KeySet): number {
    return (this.clock.now().getTime() - set.fetchedAt) / 1000;
  }

  /** One request per URL at a time; the set it replaces (if any) is what concurrent callers had seen. */
  private fetch(jwksUri: string, replacing: KeySet | undefined): Promise<KeySet> {
    const running = this.fetching.get(jwksUri);
    if (running) return running;
    const fetched = this.download(jwksUri)
      .then((jwks) => {
        const set = { lookup: createLocalJWKSet(jwks), fetchedAt: this.clock.now().getTime() };
        this.sets.set(jwksUri, set);
        return set;
      })
      .catch((error: unknown) => {
        // A provider that cannot be reached keeps its last keys for their ordinary lifetime, no longer.
        if (replacing && this.ageSeconds(replacing) < JWKS_MAX_AGE_SECONDS) return replacing;
        throw error;
      })
      .finally(() => this.fetching.delete(jwksUri));
    this.fetching.set(jwksUri, fetched);
    return fetched;
  }

  private async download(jwksUri: string): Promise<JSONWebKeySet> {
    try {
      const jwks = (await fetchProviderJson(jwksUri, MAX_JWKS_BYTES)) as JSONWebKeySet;
      if (!Array.isArray(jwks?.keys)) throw new Error('no "keys" array');
      return jwks;
    } catch {
      throw DomainError.of('error.service_unavailable.provider_keys');
    }
  }
}
