import { createHmac } from 'node:crypto';

/** Signs a body as Zoom does, written here independently of libs/zoom so the two check each other. */
export function zoomHeaders(body: string, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-zm-request-timestamp': String(timestampSeconds),
    'x-zm-signature': `v0=${signature}`,
    'x-zm-trackingid': `test_${timestampSeconds}`,
  };
}

export async function postWebhook(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const response = await fetch(`${url}/webhooks/zoom`, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}
