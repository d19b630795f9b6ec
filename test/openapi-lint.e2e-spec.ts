import { createTestApp } from './support/test-app.js';
import { REGRESSIONS } from './support/openapi-regressions.js';
import { describeFindings, lintDocuments, type Finding } from './support/spectral.js';

/**
 * The served OpenAPI document passes Spectral's OpenAPI rules and ours
 * (.spectral.yaml), which hold it to what the service does: whole numbers
 * typed integer with their bounds, closed objects, byte limits, typed
 * parameters, the headers every answer carries, open public routes, a server.
 * And each of our rules catches the fix it stands for being undone.
 */
describe('OpenAPI document lint (Spectral)', () => {
  let served: { paths: Record<string, unknown> };
  let findings: Record<string, Finding[]>;

  beforeAll(async () => {
    // Compatibility routes on, so they are linted too.
    const app = await createTestApp({ LEGACY_ROUTES: 'true' });
    try {
      served = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    } finally {
      await app.close();
    }
    const broken = REGRESSIONS.map((regression) => {
      const document = structuredClone(served) as Parameters<typeof regression.apply>[0];
      return { ...regression, sites: regression.apply(document), document };
    });
    sites = Object.fromEntries(broken.map(({ name, sites: count }) => [name, count]));
    findings = await lintDocuments({ served, ...Object.fromEntries(broken.map(({ name, document }) => [slug(name), document])) });
    // Spectral lints 17 copies of a document that grows with every route: about 30 s alone, minutes on a loaded CI machine.
  }, 400_000);
  let sites: Record<string, number>;

  it('lints the compatibility routes as well as /v1', () => {
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/v1/rtc/token', '/getToken', '/access_token', '/ping']));
  });

  it('finds no error and no warning in the served document', () => {
    const serious = findings.served.filter((finding) => finding.severity <= 1);

    expect(describeFindings(serious)).toBe('');
  });

  it.each(REGRESSIONS.map(({ name, rule }) => [name, rule]))('reports %s (%s) at every site', (name, rule) => {
    const reported = findings[slug(name)].filter((finding) => finding.code === rule);

    expect(sites[name]).toBeGreaterThan(0);
    expect(reported).toHaveLength(sites[name]);
    expect(reported.every((finding) => finding.severity === 0)).toBe(true);
  });
});

function slug(name: string): string {
  return name.replace(/\W+/g, '-');
}
