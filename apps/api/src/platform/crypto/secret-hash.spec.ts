import { hashBearerToken, hashPassword, randomToken, verifyPassword } from './secret-hash';

describe('password and token hashing', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('demo-password');
    expect(stored).not.toContain('demo-password');
    await expect(verifyPassword('demo-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', stored)).resolves.toBe(false);
    await expect(verifyPassword('demo-password', 'plain')).resolves.toBe(false);
  });

  it('hashes bearer tokens deterministically per secret', () => {
    const token = randomToken('sbt');
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(hashBearerToken(token, 'a'.repeat(16))).toBe(hashBearerToken(token, 'a'.repeat(16)));
    expect(hashBearerToken(token, 'a'.repeat(16))).not.toBe(hashBearerToken(token, 'b'.repeat(16)));
  });
});
