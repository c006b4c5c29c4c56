import type { BackupEntry, DatabaseHealth } from '../../shared/backups';
import { damageMessage } from '../../shared/backups';
import { AppError } from '../../shared/errors';
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

  /** Takes the answer of a check that runs elsewhere (the background thread at start). */
  follow(check: Promise<string[]>): void {
    const round = this.round;
    check.then(
      (problems) => {
        if (round !== this.round) return;
        if (problems.length > 0) this.markDamaged(problems);
        else if (this.status === 'checking') this.status = 'good';
      },
      (error: unknown) => {
        if (round !== this.round) return;
        if (isDamageError(error)) this.markDamaged([String((error as Error).message ?? error)]);
        else this.log.warn('The check of the data file at start could not run', error);
      },
    );
  }

  /** The app is closing: a check still running has nobody to tell. */
  forget(): void {
    this.round++;
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
