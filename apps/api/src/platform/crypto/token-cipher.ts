import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
/** 48 bits: collisions between the few keys a deployment ever configures at once are out of reach. */
const KEY_ID_BYTES = 6;

/** A key's public name: the first bytes of its SHA-256, base64url. Says which key sealed a token without revealing the key. */
export function tokenKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, KEY_ID_BYTES).toString('base64url');
}

/** A sealed value that none of the configured keys opens. Its message names key ids and variables, never a key or a token. */
export class UnreadableTokenError extends Error {
  constructor(
    /** The key the value says sealed it; null when it names none (sealed before key ids) or is not a sealed value. */
    readonly keyId: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableTokenError';
  }
}

interface SealedParts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  keyId: string | null;
}

function parse(sealed: string): SealedParts | null {
  const parts = sealed.split('.');
  const [version, iv, tag, ciphertext, keyId] = parts;
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || parts.length > 5 || keyId === '') return null;
  return { iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), keyId: keyId ?? null };
}

/** The plaintext, or null when `key` did not seal these parts (GCM's tag does not authenticate). */
function open(key: Buffer, { iv, tag, ciphertext }: SealedParts): string | null {
  try {
    // The full 16-byte tag only: GCM would otherwise accept a truncated one, which is easier to forge.
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * AES-256-GCM for secrets at rest (Zoom tokens): "v1.<iv>.<tag>.<ciphertext>.<keyId>", base64url parts, sealed
 * with the current key and opened with the key it names, the current one or a previous one (key rotation).
 * The key id comes last so that a process of a release before key ids, which reads the first four parts, still
 * opens what this one seals while a rolling upgrade runs both; what such a process sealed names no key, and is
 * opened by trying each key, the current one first.
 */
export class TokenCipher {
  /** By key id, the current key first. */
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    const keys = [currentKey, ...previousKeys];
    if (keys.some((key) => key.length !== 32)) throw new Error('TokenCipher needs 32-byte keys');
    this.keys = new Map(keys.map((key) => [tokenKeyId(key), key]));
    this.currentKeyId = tokenKeyId(currentKey);
  }

  /** The ids of the keys this cipher opens, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')), this.currentKeyId].join('.');
  }

  /** True when `sealed` names the current key: what key rotation leaves as it is. */
  isSealedWithCurrentKey(sealed: string): boolean {
    return parse(sealed)?.keyId === this.currentKeyId;
  }

  /** The plaintext; an UnreadableTokenError saying why when no configured key opens it. */
  decrypt(sealed: string): string {
    const parts = parse(sealed);
    if (!parts) throw new UnreadableTokenError(null, 'Not a sealed token');
    if (parts.keyId === null) {
      for (const key of this.keys.values()) {
        const plaintext = open(key, parts);
        if (plaintext !== null) return plaintext;
      }
      throw new UnreadableTokenError(null, 'Sealed before tokens named their key, and neither TOKEN_ENCRYPTION_KEY nor TOKEN_ENCRYPTION_PREVIOUS_KEYS opens it');
    }
    const key = this.keys.get(parts.keyId);
    if (!key) throw new UnreadableTokenError(parts.keyId, `Sealed with key ${parts.keyId}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
    const plaintext = open(key, parts);
    if (plaintext === null) throw new UnreadableTokenError(parts.keyId, `Does not open with key ${parts.keyId}, which sealed it: the sealed value was altered`);
    return plaintext;
  }
}
