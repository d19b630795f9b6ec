import { chromium, type Browser, type Locator, type Page, type Request } from 'playwright-core';

/** Debian's Chromium (CI installs the `chromium` package): nothing downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';

/** Headless, and quiet: no sandbox (CI runs as root), no GPU, no calls home. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the system Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** What "Execute" sent and what the page shows of the answer. */
export interface Execution {
  request: Request;
  status: number;
  body: Record<string, unknown>;
}

/**
 * Swagger UI as a person uses it, by what it shows (its buttons and dialogs), on one page: the Authorize
 * dialog, and an operation's "Try it out" and "Execute".
 */
export class SwaggerUiPage {
  constructor(readonly page: Page) {
    // A step that has not happened in 20 s will not (on a loaded 2-core CI machine a step can take several
    // seconds): fail with its locator rather than at Jest's timeout.
    page.setDefaultTimeout(20_000);
  }

  /** Opens Swagger UI and waits until it has rendered the operations. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.opblock').first().waitFor();
  }

  /** The Authorize dialog, opened. */
  async openAuthorize(): Promise<Locator> {
    await this.page.locator('.scheme-container .auth-wrapper > button.authorize').click();
    const dialog = this.page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor();
    return dialog;
  }

  /** The dialog's part for one security scheme (by its name in the document: `api-key`, `bearer`). */
  scheme(dialog: Locator, name: string): Locator {
    return dialog.locator('.auth-container').filter({ has: this.page.locator('h4', { hasText: new RegExp(`^${name}\\b`) }) });
  }

  /** Fills a scheme's value and presses its Authorize, leaving the dialog open (it then shows Logout). */
  async authorize(dialog: Locator, name: string, value: string): Promise<void> {
    const scheme = this.scheme(dialog, name);
    await scheme.locator('input').fill(value);
    await button(scheme, 'Authorize').click();
    await button(scheme, 'Logout').waitFor();
  }

  /** Presses a scheme's Logout. */
  async logout(dialog: Locator, name: string): Promise<void> {
    const scheme = this.scheme(dialog, name);
    await button(scheme, 'Logout').click();
    await scheme.locator('input').waitFor();
  }

  async closeDialog(dialog: Locator): Promise<void> {
    // Each scheme has its Close; any one closes the dialog.
    await button(dialog, 'Close').first().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Expands an operation (by its method and path) and turns on "Try it out". */
  async tryItOut(method: string, path: string): Promise<Locator> {
    const operation = this.page.locator(`.opblock-${method.toLowerCase()}`).filter({
      has: this.page.locator('.opblock-summary-path', { hasText: new RegExp(`^${path}$`) }),
    });
    await operation.locator('.opblock-summary').click();
    await button(operation, 'Try it out').click();
    await operation.locator('.body-param textarea').waitFor();
    return operation;
  }

  /** The request body "Try it out" will send, as its editor holds it. */
  async requestBody(operation: Locator): Promise<unknown> {
    return JSON.parse(await operation.locator('.body-param textarea').inputValue());
  }

  /** Presses Execute and reads the answer from the page (its status and body, as Swagger UI shows them). */
  async execute(operation: Locator, path: string): Promise<Execution> {
    const sent = this.page.waitForRequest((request) => new URL(request.url()).pathname === path && request.method() === 'POST');
    const answered = this.page.waitForResponse((response) => new URL(response.url()).pathname === path);
    await operation.locator('button.execute').click();
    const [request] = await Promise.all([sent, answered]);
    const live = operation.locator('.live-responses-table .response');
    await live.locator('.response-col_description pre').first().waitFor();
    const status = Number((await live.locator('.response-col_status').innerText()).trim());
    const body = JSON.parse(await live.locator('.response-col_description pre').first().innerText()) as Record<string, unknown>;
    return { request, status, body };
  }

  /** Takes a screenshot of the page from the top of `from` to the bottom of `to` (both within the page's width). */
  async screenshotSpan(path: string, from: Locator, to: Locator): Promise<void> {
    const [top, bottom] = await Promise.all([from.boundingBox(), to.boundingBox()]);
    if (!top || !bottom) throw new Error('screenshotSpan: a locator is not visible');
    // Bounding boxes are in the viewport; a full-page clip is in the page: add how far it is scrolled.
    const scroll = await this.page.evaluate(() => {
      const view = globalThis as unknown as { scrollX: number; scrollY: number };
      return { x: view.scrollX, y: view.scrollY };
    });
    const y = top.y + scroll.y;
    await this.page.screenshot({ path, fullPage: true, clip: { x: top.x + scroll.x, y, width: top.width, height: bottom.y + scroll.y + bottom.height - y } });
  }

  /** Clears the last answer (Swagger UI's Clear), so the next one read is new. */
  async clear(operation: Locator): Promise<void> {
    await button(operation, 'Clear').click();
    await operation.locator('.live-responses-table').waitFor({ state: 'detached' });
  }
}

/** A button by the words it shows (Swagger UI's aria-labels differ from them: "Apply credentials" for Authorize). */
function button(within: Locator, text: string): Locator {
  return within.locator('button', { hasText: new RegExp(`^\\s*${text}\\s*$`) });
}
