import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder laid out and updated as the kubelet does a ConfigMap, Secret or projected volume (its AtomicWriter):
 * the files live in a timestamped `..<version>` folder, `..data` links to it, and each name links to
 * `..data/<name>`. An update writes a new version folder, swaps `..data` in one rename, adds or removes the
 * names' links, and deletes the old version: a reader never sees half an update, and an old file's path is gone.
 * It holds what the test mounts (an API keys file, certificates): {@link dispose} removes it.
 */
export class KubeletVolume {
  readonly path = mkdtempSync(join(tmpdir(), 'kubelet-volume-'));
  private version?: string;

  /** Makes the folder show exactly these files (top-level names only, as the manifests mount them). */
  write(files: Record<string, Buffer | string>): void {
    const previous = this.version;
    const stamp = new Date().toISOString().replace(/[-:T]/g, '_').slice(0, 19);
    this.version = `..${stamp}.${randomBytes(4).toString('hex')}`;
    mkdirSync(join(this.path, this.version));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(this.path, this.version, name), content);
    symlinkSync(this.version, join(this.path, '..data_tmp'));
    renameSync(join(this.path, '..data_tmp'), join(this.path, '..data'));
    const linked = readdirSync(this.path).filter((entry) => !entry.startsWith('..'));
    for (const name of linked) if (!(name in files)) unlinkSync(join(this.path, name));
    for (const name of Object.keys(files)) if (!linked.includes(name)) symlinkSync(join('..data', name), join(this.path, name));
    if (previous) rmSync(join(this.path, previous), { recursive: true });
  }

  /** Removes the folder and everything in it. */
  dispose(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
