import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './redaction';

describe('log redaction', () => {
  it('never writes tokens, passwords or the authorization header', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ-secret-token', cookie: 'sid=abc' } },
      input: { password: 'correct horse', refreshToken: 'r-123' },
      accessToken: 'a-456',
    });
    const written = lines.join('');
    for (const secret of ['eyJ-secret-token', 'sid=abc', 'correct horse', 'r-123', 'a-456']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('[redacted]');
  });
});
