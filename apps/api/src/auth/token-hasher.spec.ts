import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config/app-config';
import { randomToken } from '../platform/crypto/secret-hash';
import { TokenHasher } from './token-hasher';

const API_SOURCES = path.resolve(__dirname, '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });

describe('TokenHasher', () => {
  const hasherWith = (secret: string) => new TokenHasher(loadConfig({ SESSION_SECRET: secret }));

  it('hashes a token the same way every time, keyed by SESSION_SECRET', () => {
    const token = randomToken('sbs');
    expect(hasherWith('a'.repeat(16)).hash(token)).toBe(hasherWith('a'.repeat(16)).hash(token));
    expect(hasherWith('a'.repeat(16)).hash(token)).not.toBe(hasherWith('b'.repeat(16)).hash(token));
    expect(hasherWith('a'.repeat(16)).hash(token)).not.toContain(token);
  });

  it('is the one place the api keys a bearer secret (sessions, API tokens and invites share it)', () => {
    const keying = sourceFiles(API_SOURCES)
      .filter((file) => /\bhashBearerToken\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(API_SOURCES, file));
    expect(keying.sort()).toEqual(['auth/token-hasher.ts', 'platform/crypto/secret-hash.ts']);
  });
});
