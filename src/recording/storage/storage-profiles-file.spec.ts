import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../../config/env-validation.js';
import { recordingConfig } from '../recording.config.js';
import { readStorageProfilesFile } from './storage-profiles-file.js';

const SECRET = 'storage-secret-key-never-printed';

function write(content: unknown, files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'storage-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const path = join(folder, 'storage.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('storage profiles', () => {
  const s3 = { name: 'recordings', vendor: 1, region: 3, bucket: 'my-bucket', accessKey: 'AKIA-EXAMPLE', secretKey: SECRET };

  it('reads the projects a profile serves, and refuses an empty or malformed list', () => {
    expect(readStorageProfilesFile(write([{ ...s3, projects: ['video', 'team-*'] }]))).toEqual([{ ...s3, projects: ['video', 'team-*'] }]);
    const problems = problemsOf(() => readStorageProfilesFile(write([{ ...s3, projects: [] }, { ...s3, name: 'b', projects: 'video' }, { ...s3, name: 'c', projects: [''] }])));
    expect(problems).toContain('AGORA_STORAGE_PROFILES_FILE entry 1: projects must not be empty (leave it out for every project)');
    expect(problems).toContain('AGORA_STORAGE_PROFILES_FILE entry 2: projects must be an array');
    expect(problems).toContain('AGORA_STORAGE_PROFILES_FILE entry 3: each project pattern must be 1 to 64 characters');
    expect(problems.every((problem) => /entry [123]: (projects|each project)/.test(problem))).toBe(true);
  });

  it('reads profiles, keys inline or from files beside the profiles file', () => {
    const path = write([s3, { name: 'minio', vendor: 11, region: 0, bucket: 'b', accessKeyFile: 'ak', secretKeyFile: 'sk', endpoint: 'https://minio.example.com' }], {
      ak: 'minio-access\n',
      sk: ` ${SECRET}\n`,
    });
    expect(readStorageProfilesFile(path)).toEqual([
      s3,
      { name: 'minio', vendor: 11, region: 0, bucket: 'b', accessKey: 'minio-access', secretKey: SECRET, endpoint: 'https://minio.example.com' },
    ]);
  });

  it('lists every problem by entry and field, never a value', () => {
    const problems = problemsOf(() =>
      readStorageProfilesFile(
        write([
          { ...s3, vendor: 4, secretKeyFile: 'missing' },
          { name: 'x', vendor: 11, region: 300, bucket: '', secretKeyFile: 'missing', extra: SECRET },
          s3,
        ]),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AGORA_STORAGE_PROFILES_FILE entry 1: vendor must be one of/),
        'AGORA_STORAGE_PROFILES_FILE entry 1: give secretKey or secretKeyFile, not both',
        'AGORA_STORAGE_PROFILES_FILE entry 2: unknown field extra',
        'AGORA_STORAGE_PROFILES_FILE entry 2: region must be between 0 and 255',
        'AGORA_STORAGE_PROFILES_FILE entry 2: bucket must be 1 to 255 characters',
        'AGORA_STORAGE_PROFILES_FILE entry 2: accessKey or accessKeyFile is required',
        'AGORA_STORAGE_PROFILES_FILE entry 2: endpoint is required for vendor 11 (S3-compatible storage)',
      ]),
    );
    expect(problems.join('\n')).not.toContain(SECRET);
    expect(problemsOf(() => readStorageProfilesFile(write([s3, s3])))).toEqual(['AGORA_STORAGE_PROFILES_FILE: profile name recordings is used twice (entry 2)']);
    expect(problemsOf(() => readStorageProfilesFile(write('[')))).toEqual(['AGORA_STORAGE_PROFILES_FILE is not valid JSON']);
    expect(problemsOf(() => readStorageProfilesFile(write([])))).toEqual(['AGORA_STORAGE_PROFILES_FILE lists no storage profiles']);
  });

  describe('configuration', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });
    const shortcut = {
      STORAGE_VENDOR: '1',
      STORAGE_REGION: '0',
      STORAGE_BUCKET: 'fork-bucket',
      STORAGE_BUCKET_ACCESS_KEY: 'fork-access',
      STORAGE_BUCKET_SECRET_KEY: SECRET,
    };

    it('takes the Go fork’s STORAGE_* variables as one profile named default', () => {
      Object.assign(process.env, shortcut);
      expect(recordingConfig().storageProfiles).toEqual([
        { name: 'default', vendor: 1, region: 0, bucket: 'fork-bucket', accessKey: 'fork-access', secretKey: SECRET },
      ]);
    });

    it('has no profile when nothing is set, and refuses half a shortcut or both ways at once', () => {
      expect(recordingConfig().storageProfiles).toEqual([]);
      Object.assign(process.env, { STORAGE_VENDOR: 'x', STORAGE_BUCKET: 'b' });
      expect(problemsOf(() => recordingConfig())).toContain('STORAGE_REGION is required when any STORAGE_* variable is set');
      Object.assign(process.env, shortcut, { STORAGE_VENDOR: 'x' });
      expect(problemsOf(() => recordingConfig())).toEqual([expect.stringMatching(/^STORAGE_VENDOR: vendor must be one of/)]);
      Object.assign(process.env, { AGORA_STORAGE_PROFILES_FILE: write([s3]) });
      expect(problemsOf(() => recordingConfig())).toEqual(['Set AGORA_STORAGE_PROFILES_FILE or the STORAGE_* variables, not both']);
    });
  });
});
