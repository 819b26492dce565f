import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('createLogger redaction', () => {
  it('never prints authorization headers, cookies, tokens or passwords', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sbs_abc', cookie: 'sb_session=sbs_abc' } },
        password: 'hunter2',
        tokens: { accessToken: 'eyJ.acc', refresh_token: 'eyJ.ref' },
        meeting: { start_url: 'https://zoom.us/s/1?zak=secret' },
      },
      'login',
    );
    const output = lines.join('');
    for (const secret of ['sbs_abc', 'hunter2', 'eyJ.acc', 'eyJ.ref', 'zak=secret']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
  });
});
