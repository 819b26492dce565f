import { Client } from 'pg';
import { TokenCipher } from '../../src/platform/crypto/token-cipher';

/**
 * A connected Zoom user as connecting leaves one, written straight into the database: `userEmail`'s connection
 * with its tokens sealed under `tokenEncryptionKey` (base64). For tests that need stored tokens, not the OAuth round trip.
 */
export async function storeZoomConnection(databaseUrl: string, userEmail: string, tokenEncryptionKey: string): Promise<{ connectionId: string; keyId: string }> {
  const cipher = new TokenCipher(Buffer.from(tokenEncryptionKey, 'base64'));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO zoom_connections (organisation_id, user_id, zoom_user_id, zoom_account_id, email, plan_type, scopes, state, connected_at)
       SELECT organisation_id, id, 'zoom-' || id, 'zoom-account-' || organisation_id, email, 2, '{}', 'CONNECTED', now() FROM users WHERE email = $1
       RETURNING id`,
      [userEmail],
    );
    if (rows.length === 0) throw new Error(`no user ${userEmail}`);
    await client.query(`INSERT INTO zoom_tokens (connection_id, access_token_sealed, refresh_token_sealed, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`, [
      rows[0].id,
      cipher.encrypt('stored-access-token'),
      cipher.encrypt('stored-refresh-token'),
    ]);
    return { connectionId: rows[0].id, keyId: cipher.currentKeyId };
  } finally {
    await client.end();
  }
}
