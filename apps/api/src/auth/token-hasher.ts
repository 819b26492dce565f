import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { hashBearerToken } from '../platform/crypto/secret-hash';

/**
 * The keyed hash stored for every bearer secret the auth module hands out (session tokens, API tokens, invite
 * links), keyed by SESSION_SECRET: one place, so that they can never drift apart in key or algorithm.
 */
@Injectable()
export class TokenHasher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(token: string): string {
    return hashBearerToken(token, this.config.sessionSecret);
  }
}
