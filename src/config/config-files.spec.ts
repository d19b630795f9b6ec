import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from './env-validation.js';
import { readJsonList, readSmallFile } from './config-files.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'config-files-'));
}

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('it read');
}

describe('configuration files', () => {
  it('reads a JSON list, a byte-order mark before it ignored (Windows editors write one)', () => {
    const path = join(folder(), 'keys.json');
    writeFileSync(path, '\uFEFF[{"id":"a"}]');
    expect(readJsonList(path, 'API_KEYS_FILE', 'keys')).toEqual([{ id: 'a' }]);
  });

  it('refuses, without blocking, what is not a small regular file: a FIFO, a folder, an oversized file', () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'big'), 'x'.repeat(2048));
    expect(problemsOf(() => readJsonList(join(dir, 'fifo'), 'API_KEYS_FILE', 'keys'))).toEqual(['API_KEYS_FILE must be a regular file']);
    expect(problemsOf(() => readJsonList(dir, 'AGORA_PROJECTS_FILE', 'projects'))).toEqual(['AGORA_PROJECTS_FILE must be a regular file']);
    expect(readSmallFile(join(dir, 'big'), 1024)).toEqual({ problem: 'is larger than 1024 bytes' });
    expect(readSmallFile(join(dir, 'missing'), 1024)).toEqual({ problem: 'cannot be read' });
  });

  it('names the list by its noun when it is not a non-empty JSON array', () => {
    const path = join(folder(), 'storage.json');
    writeFileSync(path, '{}');
    expect(problemsOf(() => readJsonList(path, 'AGORA_STORAGE_PROFILES_FILE', 'storage profiles'))).toEqual([
      'AGORA_STORAGE_PROFILES_FILE must hold a JSON array of storage profiles',
    ]);
    writeFileSync(path, '[]');
    expect(problemsOf(() => readJsonList(path, 'AGORA_STORAGE_PROFILES_FILE', 'storage profiles'))).toEqual(['AGORA_STORAGE_PROFILES_FILE lists no storage profiles']);
  });
});
