/**
 * The bot logs one JSON object per line (pino). Tests that look for a message read the lines
 * through these helpers; a line that is not JSON fails the test, so the format is checked too.
 */
export interface LogEntry {
  level: string;
  msg: string;
  time: string;
  [field: string]: unknown;
}

/** Every log line of a process's output (or of lines collected by a test logger), parsed. */
export function logEntries(output: string | readonly string[]): LogEntry[] {
  const lines = (typeof output === 'string' ? output.split('\n') : output.flatMap((l) => l.split('\n'))).filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const entry = JSON.parse(line) as LogEntry;
    if (typeof entry.level !== 'string' || typeof entry.msg !== 'string' || typeof entry.time !== 'string') throw new Error(`not a log line: ${line}`);
    return entry;
  });
}

/** `LEVEL message {fields}`: a line as a person reads it, to match with a regular expression. */
export function logText(output: string | readonly string[]): string[] {
  return logEntries(output).map(({ level, msg, time: _time, pid: _pid, hostname: _host, ...fields }) =>
    `${level.toUpperCase()} ${msg}${Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''}`,
  );
}
