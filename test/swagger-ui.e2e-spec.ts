import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { JwksServer } from './support/jwks-server.js';
import { freePort, spawnService, waitForHttp, type RunningService } from './support/spawn-service.js';
import { launchChromium, SwaggerUiPage } from './support/swagger-ui-page.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { expectGenuineToken } from './support/token-examples.js';

/**
 * `SWAGGER_SCREENSHOTS=update` (`npm run docs:screenshots`) writes the screenshots to docs/images, for the
 * README; any other run writes them to a temporary folder, so a test run leaves the tree as it was.
 */
const UPDATE = process.env.SWAGGER_SCREENSHOTS === 'update';
const SCREENSHOTS = UPDATE ? resolve('docs/images') : mkdtempSync(join(tmpdir(), 'swagger-ui-'));

/** The width and height a PNG file declares (its IHDR chunk), after checking it is one. */
function pngSize(file: string): { png: boolean; width: number; height: number } {
  const bytes = readFileSync(file);
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && bytes.toString('latin1', 12, 16) === 'IHDR';
  return { png, width: png ? bytes.readUInt32BE(16) : 0, height: png ? bytes.readUInt32BE(20) : 0 };
}

/**
 * Swagger UI works in a real browser, credentials included: the built service (AUTH_MODE=apikey,jwt) serves
 * /docs to Debian's Chromium, which authorizes through the Authorize dialog with an API key, runs "Try it out"
 * on POST /v1/rtc/token with the default example and reads a 200 and a genuine token from the page; then logs
 * out and does the same as an end user with a JWT, whose token is theirs. Every value shown is a test value:
 * a random key and a JWT from a key pair made for this run, tokens signed with the test certificate.
 */
describe('Swagger UI in Chromium (e2e, spawned service, AUTH_MODE=apikey,jwt)', () => {
  const apiKey = newApiKey();
  const endUser = 'bob';
  let jwks: JwksServer;
  let service: RunningService;
  let browser: Browser;
  let ui: SwaggerUiPage;
  let origin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    jwks = await JwksServer.start();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    service = spawnService({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile([{ id: 'swagger-ui', key: apiKey }]),
      APP_ID: TEST_APP_ID,
      APP_CERTIFICATE: TEST_APP_CERTIFICATE,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    [browser] = await Promise.all([launchChromium(), waitForHttp(`${origin}/health`)]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A script or style the Content-Security-Policy refuses shows as a console error, not as a failed test step.
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    page.on('pageerror', (error) => void pageErrors.push(error.message));
    page.on('requestfailed', (request) => void pageErrors.push(`${request.url()}: ${request.failure()?.errorText}`));
    ui = new SwaggerUiPage(page);
    await ui.open(`${origin}/docs`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill();
    await service?.exited;
    await jwks?.stop();
    if (!UPDATE) rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  /** Checks a screenshot is a PNG with something in it. */
  function expectPng(name: string): void {
    const { png, width, height } = pngSize(join(SCREENSHOTS, name));
    expect({ name, png, drawn: width > 100 && height > 100 }).toEqual({ name, png: true, drawn: true });
  }

  async function screenshot(name: string, target: Locator): Promise<void> {
    await target.screenshot({ path: join(SCREENSHOTS, name) });
    expectPng(name);
  }

  let rtc: Locator;

  it('issues an RTC token through "Try it out" with the default example, authorized with an API key', async () => {
    const dialog = await ui.openAuthorize();
    await ui.authorize(dialog, 'api-key', apiKey);
    await screenshot('swagger-ui-authorize.png', dialog);
    await ui.closeDialog(dialog);

    rtc = await ui.tryItOut('POST', '/v1/rtc/token');
    expect(await ui.requestBody(rtc)).toEqual({ channel: 'demo-room', role: 'publisher' });
    const { request, status, body } = await ui.execute(rtc, '/v1/rtc/token');
    // From the request body (its example list) to the answer read: the documented responses below are left out.
    await ui.screenshotSpan(join(SCREENSHOTS, 'swagger-ui-rtc-token.png'), rtc.locator('.opblock-section-request-body'), rtc.locator('.live-responses-table .response'));
    expectPng('swagger-ui-rtc-token.png');

    expect({ key: request.headers()['x-api-key'] === apiKey, authorization: request.headers().authorization }).toEqual({ key: true, authorization: undefined });
    expect({ status, body }).toMatchObject({ status: 200, body: { channel: 'demo-room', role: 'publisher', uid: expect.any(Number) } });
    expectGenuineToken(body);
  }, 45_000);

  it('issues the same request to an end user with a JWT, as themselves, once the API key is logged out', async () => {
    const jwt = await jwks.sign({ sub: endUser });
    const dialog = await ui.openAuthorize();
    await ui.logout(dialog, 'api-key');
    await ui.authorize(dialog, 'bearer', jwt);
    await ui.closeDialog(dialog);

    await ui.clear(rtc);
    expect(await ui.requestBody(rtc)).toEqual({ channel: 'demo-room', role: 'publisher' });
    const { request, status, body } = await ui.execute(rtc, '/v1/rtc/token');

    expect({ key: request.headers()['x-api-key'], bearer: request.headers().authorization === `Bearer ${jwt}` }).toEqual({ key: undefined, bearer: true });
    expect({ status, body }).toMatchObject({ status: 200, body: { channel: 'demo-room', role: 'publisher', account: endUser } });
    expectGenuineToken(body, endUser);
  }, 45_000);

  it('ran without a script error, a refused resource or a failed request on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
