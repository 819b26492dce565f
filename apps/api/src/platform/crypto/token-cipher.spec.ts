import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { TokenCipher, tokenKeyId, UnreadableTokenError } from './token-cipher';

/** What releases before key ids sealed: "v1.<iv>.<tag>.<ciphertext>", naming no key. */
function sealedWithoutKeyId(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** How releases before key ids opened a sealed value (their TokenCipher.decrypt, verbatim). */
function decryptAsReleaseBeforeKeyIds(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed token');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The error `work` throws, for checking its message and key id. */
function thrownBy(work: () => unknown): UnreadableTokenError {
  try {
    work();
  } catch (error) {
    if (error instanceof UnreadableTokenError) return error;
    throw error;
  }
  throw new Error('expected an UnreadableTokenError');
}

describe('TokenCipher', () => {
  const key = randomBytes(32);
  const cipher = new TokenCipher(key);

  it('round-trips and never leaves the plaintext readable', () => {
    const sealed = cipher.encrypt('eyJ-access-token');
    expect(sealed).not.toContain('eyJ-access-token');
    expect(cipher.decrypt(sealed)).toBe('eyJ-access-token');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('rejects tampered ciphertext and a different key', () => {
    const sealed = cipher.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(UnreadableTokenError);
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed)).toThrow(UnreadableTokenError);
  });

  it('refuses a truncated authentication tag', () => {
    const parts = cipher.encrypt('secret').split('.');
    parts[2] = Buffer.from(parts[2], 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(UnreadableTokenError);
  });

  it('names the sealing key by the first 6 bytes of its SHA-256, base64url, last in the sealed value', () => {
    const keyId = createHash('sha256').update(key).digest().subarray(0, 6).toString('base64url');
    expect(tokenKeyId(key)).toBe(keyId);
    expect(cipher.currentKeyId).toBe(keyId);
    const parts = cipher.encrypt('secret').split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v1');
    expect(parts[4]).toBe(keyId);
  });

  it('stays readable by a release before key ids, which reads the first four parts', () => {
    expect(decryptAsReleaseBeforeKeyIds(key, cipher.encrypt('secret'))).toBe('secret');
  });

  it('reads what releases before key ids sealed, trying each configured key', () => {
    const previous = randomBytes(32);
    const rotated = new TokenCipher(randomBytes(32), [randomBytes(32), previous]);
    const sealed = sealedWithoutKeyId(previous, 'old-refresh-token');
    expect(rotated.decrypt(sealed)).toBe('old-refresh-token');
    expect(rotated.isSealedWithCurrentKey(sealed)).toBe(false);
  });

  it('seals with the current key and opens with a previous one', () => {
    const previous = new TokenCipher(key);
    const next = randomBytes(32);
    const rotated = new TokenCipher(next, [key]);
    const sealedBefore = previous.encrypt('before');
    expect(rotated.decrypt(sealedBefore)).toBe('before');
    expect(rotated.isSealedWithCurrentKey(sealedBefore)).toBe(false);
    const sealedAfter = rotated.encrypt('after');
    expect(rotated.isSealedWithCurrentKey(sealedAfter)).toBe(true);
    expect(sealedAfter.split('.')[4]).toBe(tokenKeyId(next));
    expect(rotated.keyIds).toEqual([tokenKeyId(next), tokenKeyId(key)]);
    // The old key alone cannot read what the new one sealed: why a rotation adds the new key everywhere first.
    expect(() => previous.decrypt(sealedAfter)).toThrow(UnreadableTokenError);
  });

  it('says which key is missing, and names no key or token', () => {
    const sealed = cipher.encrypt('eyJ-secret-token');
    const otherKey = randomBytes(32);
    const error = thrownBy(() => new TokenCipher(otherKey).decrypt(sealed));
    expect(error.keyId).toBe(cipher.currentKeyId);
    expect(error.message).toBe(`Sealed with key ${cipher.currentKeyId}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
    const oldFormat = thrownBy(() => new TokenCipher(otherKey).decrypt(sealedWithoutKeyId(key, 'eyJ-secret-token')));
    expect(oldFormat.keyId).toBeNull();
    expect(oldFormat.message).toMatch(/neither TOKEN_ENCRYPTION_KEY nor TOKEN_ENCRYPTION_PREVIOUS_KEYS opens it/);
    for (const message of [error.message, oldFormat.message, String(error.stack), String(oldFormat.stack)]) {
      for (const secret of ['eyJ-secret-token', key.toString('base64'), key.toString('base64url'), otherKey.toString('base64'), otherKey.toString('hex')]) {
        expect(message).not.toContain(secret);
      }
    }
  });

  it('refuses what is not a sealed value', () => {
    for (const value of ['', 'plain-token', 'v2.a.b.c', 'v1.a.b', 'v1.a.b.c.', 'v1.a.b.c.d.e']) {
      expect(thrownBy(() => cipher.decrypt(value)).message).toBe('Not a sealed token');
    }
  });

  it('needs 32-byte keys, current and previous', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32-byte/);
    expect(() => new TokenCipher(randomBytes(32), [randomBytes(31)])).toThrow(/32-byte/);
  });
});
