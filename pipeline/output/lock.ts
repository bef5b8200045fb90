/**
 * One run at a time per output folder. The lock is a folder made with mkdir (atomic: exactly one run creates
 * it) holding owner.json, which names the holder's pid and host, so that a refused run can say who holds it.
 * The lock of a process that is gone (same host, pid not running: killed, crashed) is taken over.
 *
 * proper-lockfile was tried first: its dependency signal-exit re-raises SIGXFSZ, which turned a write over the
 * file-size limit (EFBIG, reported as exit 1) into a kill, and its mtime-based staleness would hand the lock to
 * a second run while the holder's event loop is busy with one long article. What it would add over this, taking
 * over a dead holder on another host, is left to the user: the message names the lock folder to remove.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_DIR = '.who-said-what.lock';
const OWNER_FILE = 'owner.json';

export interface LockOwner { pid: number; hostname: string; started_at: string }

/** The output folder is locked by another run (a refusal: exit 2). */
export class FolderLocked extends Error {
  constructor(readonly lockDir: string, readonly owner: LockOwner | null) {
    const holder = owner
      ? `process ${owner.pid}${owner.hostname === os.hostname() ? '' : ` on ${owner.hostname}`}, since ${owner.started_at}`
      : 'a process that has not recorded its pid';
    super(`the output folder ${path.dirname(lockDir)} is in use by another run (${holder}); wait for it to finish or stop it. If no such run exists, remove ${lockDir}`);
  }
}

/** Whether process `pid` runs on this machine (a zombie, killed but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function readOwner(lockDir: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path.join(lockDir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? { pid: owner.pid, hostname: owner.hostname, started_at: String(owner.started_at ?? '') }
      : null;
  } catch {
    return null;
  }
}

const isGone = (owner: LockOwner | null): owner is LockOwner => owner !== null && owner.hostname === os.hostname() && !isRunning(owner.pid);

export class FolderLock {
  private held = true;
  private readonly releaseOnExit = (): void => this.releaseSync();

  private constructor(readonly lockDir: string, private readonly owner: LockOwner) {
    // process.exit() (a second Ctrl-C) skips the run's clean-up; the lock must not outlive the process.
    process.on('exit', this.releaseOnExit);
  }

  /** Takes the lock of `dir` (which must exist), taking over the lock of a holder that is gone. */
  static async acquire(dir: string): Promise<FolderLock> {
    const lockDir = path.join(dir, LOCK_DIR);
    const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), started_at: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryCreate(lockDir, owner)) return new FolderLock(lockDir, owner);
      const holder = await waitForOwner(lockDir);
      if (holder === null && !existsSync(lockDir)) continue; // released meanwhile
      if (!isGone(holder)) throw new FolderLocked(lockDir, holder);
      // Move the dead holder's lock aside (one rename wins), then make sure it was that one and not a lock a
      // third run took meanwhile; if it was, put it back.
      const aside = `${lockDir}.stale-${process.pid}`;
      try {
        renameSync(lockDir, aside);
      } catch {
        continue;
      }
      const moved = readOwner(aside);
      if (moved && moved.pid !== holder.pid) {
        try { renameSync(aside, lockDir); } catch { /* a fourth run has it: its lock stands */ }
        throw new FolderLocked(lockDir, moved);
      }
      rmSync(aside, { recursive: true, force: true });
    }
    throw new FolderLocked(lockDir, readOwner(lockDir));
  }

  /** Whether the lock is still this run's (nobody removed it or took it over). */
  stillHeld(): boolean {
    return this.held && this.isOurs();
  }

  release(): void {
    this.releaseSync();
  }

  private releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    process.off('exit', this.releaseOnExit);
    if (this.isOurs()) rmSync(this.lockDir, { recursive: true, force: true });
  }

  private isOurs(): boolean {
    const current = readOwner(this.lockDir);
    return current !== null && current.pid === this.owner.pid && current.started_at === this.owner.started_at;
  }
}

function tryCreate(lockDir: string, owner: LockOwner): boolean {
  try {
    mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(path.join(lockDir, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  } catch (error) {
    rmSync(lockDir, { recursive: true, force: true });
    throw error;
  }
  return true;
}

/** owner.json is written just after the lock folder is made: give a run that has just locked a moment. */
async function waitForOwner(lockDir: string): Promise<LockOwner | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!existsSync(lockDir)) return null;
    const owner = readOwner(lockDir);
    if (owner) return owner;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readOwner(lockDir);
}
