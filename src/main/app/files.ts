import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { ChosenFileView } from '../../shared/importViews';

export type ChosenFile = ChosenFileView;

interface Entry extends ChosenFile {
  path: string;
  /** An upload we wrote ourselves, removed when the app closes. */
  temporary: boolean;
}

/**
 * The files the user has chosen in this session. The window only ever holds
 * an opaque id: it cannot ask the backend to read a path it made up.
 */
export class FileRegistry {
  private readonly entries = new Map<string, Entry>();
  private uploadDir: string | null = null;

  /** A file the user picked in a native dialog. */
  add(filePath: string): ChosenFile {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      throw new AppError('not_found', `${path.basename(filePath)} could not be found. It may have been moved or deleted.`);
    }
    if (!stat.isFile()) throw new AppError('validation', `${path.basename(filePath)} is a folder, not a file. Choose a CSV or Excel file.`);
    return this.remember({ fileId: randomUUID(), name: path.basename(filePath), size: stat.size, path: filePath, temporary: false });
  }

  /** A file sent by the browser (the browser bridge's upload): written to a private temporary folder. */
  async upload(name: string, body: Readable): Promise<ChosenFile> {
    const safeName = path.basename(name).replace(/[^\p{L}\p{N} ._()-]+/gu, '_').slice(-120) || 'upload';
    this.uploadDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'octave-uploads-'));
    const fileId = randomUUID();
    // A folder per upload keeps the file's own name, which the import history shows.
    const folder = path.join(this.uploadDir, fileId);
    fs.mkdirSync(folder, { mode: 0o700 });
    const target = path.join(folder, safeName);
    try {
      await pipeline(body, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      // The whole folder: an upload cut off midway leaves nothing behind.
      fs.rmSync(folder, { recursive: true, force: true });
      throw new AppError('io', `${safeName} could not be received: ${error instanceof Error ? error.message : String(error)}`);
    }
    const size = fs.statSync(target).size;
    return this.remember({ fileId, name: safeName, size, path: target, temporary: true });
  }

  /** The path behind an id, or a message the user can act on. */
  path(fileId: string): string {
    return (this.entries.get(fileId) ?? this.missing()).path;
  }

  /** What the user chose, by id: its name and size. */
  describe(fileId: string): ChosenFile {
    const entry = this.entries.get(fileId) ?? this.missing();
    return { fileId: entry.fileId, name: entry.name, size: entry.size };
  }

  /** The id under which a path was chosen (the newest, if chosen twice). */
  idOf(filePath: string): string {
    const found = [...this.entries.values()].reverse().find((e) => e.path === filePath);
    return found?.fileId ?? this.missing();
  }

  dispose(): void {
    if (this.uploadDir) fs.rmSync(this.uploadDir, { recursive: true, force: true });
    this.uploadDir = null;
    this.entries.clear();
  }

  private missing(): never {
    throw new AppError('not_found', 'That file is no longer available. Choose it again.');
  }

  private remember(entry: Entry): ChosenFile {
    this.entries.set(entry.fileId, entry);
    return this.describe(entry.fileId);
  }
}
