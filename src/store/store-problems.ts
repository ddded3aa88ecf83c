/**
 * What an operator should do about a store that cannot be opened or written, by the error's code
 * (`errorCode` in sqlite-open.ts). One sentence each, for a log line or `npm run gaps`' error.
 */
const ADVICE: Array<[RegExp, (dir: string) => string]> = [
  [/^(ENOTDIR|EEXIST)$/, (dir) => `DATA_DIR (${dir}) must be a folder: point DATA_DIR at a folder, or move the file away`],
  [
    /^(EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN)$/,
    (dir) => `give the user the bot runs as write access to ${dir} and the files in it, or point DATA_DIR at a folder it can write`,
  ],
  [
    /^(SQLITE_NOTADB|SQLITE_CORRUPT)$/,
    (dir) =>
      `stop the bot and move ${dir}/questions.db (and any questions.db-wal beside it) aside: the bot then starts a new database; ` +
      "sqlite3's .recover may save the old one's rows, or restore a backup",
  ],
  [/^(SQLITE_FULL|ENOSPC)$/, (dir) => `free space on the disk that holds ${dir}`],
  [/^SQLITE_(BUSY|LOCKED)$/, () => 'another process holds the database\'s write lock (another shard, a backup, an sqlite3 shell left open): close it'],
  [/^(SQLITE_IOERR|EIO)$/, (dir) => `the disk reported an I/O error: check the disk and the file system that hold ${dir}`],
  [/^NEWER_SCHEMA$/, () => 'run the newer version of the bot that made it, or move the file aside'],
];

export function whatToDo(code: string | undefined, dir: string): string {
  for (const [pattern, advice] of ADVICE) if (code && pattern.test(code)) return advice(dir);
  return `check DATA_DIR (${dir})`;
}

/** Codes after which the connection is not worth keeping: the store's thread opens the file afresh. */
export const REOPEN_AFTER = /^(SQLITE_CORRUPT|SQLITE_NOTADB|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_IOERR)$/;
