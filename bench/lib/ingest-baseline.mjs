// The floor a webhook endpoint cannot beat: node:http, HMAC verification of the raw body, one INSERT, 200.
// Run as its own process by bench/webhook-ingest.mjs: PORT, DATABASE_URL and SECRET come from the environment.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline_inbox (id bigserial PRIMARY KEY, body jsonb NOT NULL)');

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const expected = Buffer.from(`v0=${createHmac('sha256', process.env.SECRET).update(`v0:${request.headers['x-zm-request-timestamp']}:${raw}`).digest('hex')}`);
    const given = Buffer.from(String(request.headers['x-zm-signature'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return response.writeHead(401).end();
    await pool.query('INSERT INTO bench_baseline_inbox (body) VALUES ($1)', [raw.toString()]);
    response.writeHead(200).end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('baseline listening'));
