import { RtcRole, RtcTokenBuilder, RtmTokenBuilder } from 'agora-token';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/** Runs the built command (package.json `bin`: dist/cli.js) as a user would; needs `npm run build`. */
function cli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { input, encoding: 'utf8', timeout: 10_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('agora-token-service inspect (the CLI, as a process)', () => {
  const token = RtcTokenBuilder.buildTokenWithRtm(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 'alice', RtcRole.PUBLISHER, 600, 600);

  it('prints what the route answers, verified with the certificate given', () => {
    const run = cli(['inspect', token, '--certificate', TEST_APP_CERTIFICATE]);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ format: '007', appId: TEST_APP_ID, project: null, signatureValid: true, signedWith: 'primary', notes: [] });
    expect(report.services).toEqual([
      expect.objectContaining({ kind: 'rtc', channel: 'room', user: 'alice' }),
      { kind: 'rtm', user: 'alice', privileges: { login: { expiresAt: report.expiresAt } } },
    ]);
    expect(run.stdout + run.stderr).not.toContain(TEST_APP_CERTIFICATE);
  });

  it('reads the certificate from a file and the token from standard input', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'inspect-')), 'certificate');
    writeFileSync(file, `${OTHER_CERTIFICATE}\n`);
    const run = cli(['inspect', '-', '--certificate-file', file], `${RtmTokenBuilder.buildToken(TEST_APP_ID, OTHER_CERTIFICATE, 'bob', 60)}\n`);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ signedWith: 'primary', services: [{ kind: 'rtm', user: 'bob' }] });
  });

  it('checks a 006 token with the channel and user it was built for', () => {
    const { RtcTokenBuilder: v1 } = createRequire(import.meta.url)('agora-token/src/RtcTokenBuilder.js') as {
      RtcTokenBuilder: { buildTokenWithUid(...args: unknown[]): string };
    };
    const legacy = v1.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 42, 1, 2_000_000_000);
    const run = cli(['inspect', legacy, '--certificate', TEST_APP_CERTIFICATE, '--channel', 'room', '--user', '42']);

    expect(JSON.parse(run.stdout)).toMatchObject({ format: '006', signedWith: 'primary', services: [{ kind: 'rtc', channel: 'room', user: '42' }] });
  });

  it('says when the signature was not checked, or does not match', () => {
    expect(JSON.parse(cli(['inspect', token]).stdout)).toMatchObject({
      signatureValid: false,
      notes: ['No certificate was given: the signature was not checked.'],
    });
    expect(JSON.parse(cli(['inspect', token, '--certificate', OTHER_CERTIFICATE]).stdout)).toMatchObject({
      signatureValid: false,
      signedWith: 'unknown',
      notes: ['The certificate given did not sign this token: Agora will reject it.'],
    });
  });

  it('exits 1 for what is not a token and 2 for wrong usage, echoing neither token nor certificate', () => {
    const garbage = cli(['inspect', '007not-really-a-token']);
    expect(garbage).toEqual({ code: 1, stdout: '', stderr: 'Not an Agora token: the token is not valid base64 after its version.\n' });

    const usages = [[], ['inspect'], ['inspect', token, '--certificate', 'short'], ['inspect', token, '--certificate', TEST_APP_CERTIFICATE, '--certificate-file', 'f'], [token]];
    for (const args of usages) {
      const run = cli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: agora-token-service inspect');
      expect(run.stderr).not.toContain(token);
      expect(run.stderr).not.toContain(TEST_APP_CERTIFICATE);
    }
  });
});
