/**
 * DATABASE_URL as it may be shown: a log line, `npm run gaps --json`, an error. The password never
 * is; it is also handed to the logger as a secret to hide, in case a driver's message repeats it.
 */

/** postgres:// or postgresql:// (what `pg` and libpq accept as a connection URL). */
export const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export function isPostgresUrl(value: string | undefined): value is string {
  return typeof value === 'string' && POSTGRES_URL.test(value.trim());
}

/** The URL with its password (and any password parameter) replaced by `***`. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    // Unparsable: show only the scheme, never what might be a password in it.
    return `${url.split('://')[0] ?? 'postgres'}://…`;
  }
}

/** The password in the URL (decoded, and as written), for the logger to hide; none when it has none. */
export function databaseUrlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    const out = new Set<string>();
    if (u.password) {
      out.add(u.password);
      out.add(decodeURIComponent(u.password));
    }
    for (const [key, value] of u.searchParams) if (/pass/i.test(key) && value) out.add(value);
    return [...out];
  } catch {
    return [];
  }
}
