import type { BackupEntry, DatabaseHealth } from '../../../shared/backups';
import { damageMessage } from '../../../shared/backups';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log';
import { listBackups } from './backups';
import { isDamageError } from './integrity';

/**
 * Whether the data file is sound, as the app found it: `checking` until the
 * check at start answers, `damaged` from the first sign of damage (that
 * check, the check before a backup, or any call that hit it) until a restore.
 * While damaged, nothing is written to the file.
 */
export class HealthState {
  private status: DatabaseHealth['status'] = 'checking';
  private problems: string[] = [];
  /** A check started before a restore must not overrule what the restore found. */
  private round = 0;
  /** True while a restore swaps the file: every call but the session's waits for it. */
  restoring = false;

  constructor(
    private readonly databasePath: string,
    private readonly log: Logger,
    private readonly onChange: () => void,
  ) {}

  get damaged(): boolean {
    return this.status === 'damaged';
  }

  private stopCheck: (() => Promise<void>) | null = null;

  /**
   * Takes the answer of a check that runs on a thread of its own, so that a
   * long check of a big file never holds up the dashboard's reads.
   */
  follow(check: Promise<string[]>, stop: () => Promise<void>): void {
    const round = this.round;
    this.stopCheck = stop;
    const answered = (problems: string[]): void => {
      if (round !== this.round) return;
      if (problems.length > 0) this.markDamaged(problems);
      else if (this.status === 'checking') this.status = 'good';
    };
    const failed = (error: unknown): void => {
      if (round !== this.round) return;
      if (isDamageError(error)) this.markDamaged([error instanceof Error ? error.message : String(error)]);
      else this.log.warn('The check of the data file at start could not run', error);
    };
    void check.then(answered, failed).finally(() => {
      // Its thread has answered: it goes, unless a restore or the app's end stopped it already.
      if (this.stopCheck !== stop) return;
      this.stopCheck = null;
      void stop();
    });
  }

  /** Stops a check still running (the app closes, or a restore replaces the file it reads); its answer no longer counts. */
  async stopChecking(): Promise<void> {
    this.round++;
    const stop = this.stopCheck;
    this.stopCheck = null;
    await stop?.();
  }

  markDamaged(problems: readonly string[]): void {
    if (this.status === 'damaged') return;
    this.status = 'damaged';
    this.problems = [...problems];
    this.log.error(`The data file ${this.databasePath} is damaged`, this.problems);
    this.onChange();
  }

  /** After a restore put a checked file in place. */
  markGood(): void {
    this.round++;
    this.status = 'good';
    this.problems = [];
    this.onChange();
  }

  view(forAdministrator: boolean): DatabaseHealth {
    const latestBackup: BackupEntry | null = listBackups(this.databasePath)[0] ?? null;
    return { status: this.status, message: this.damaged ? damageMessage(latestBackup, forAdministrator) : null, latestBackup };
  }

  /** The refusal every call that writes gets while the file is damaged. */
  refusal(forAdministrator: boolean): AppError {
    return new AppError('damaged', damageMessage(listBackups(this.databasePath)[0] ?? null, forAdministrator));
  }
}
