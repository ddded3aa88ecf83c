const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));

export interface DateStyle {
  /** "May 2023" in a terminal; "Jun–Aug 2023" where room is short (Discord embeds). */
  months: 'long' | 'short';
}

/**
 * A reader's date: "2023", "May 2023", "30 May 2023", a range "June–August 2023" or
 * "December 2022 – January 2023"; "about …" when the date is inferred rather than printed on the
 * page. Precision is never added; an unparseable value is shown as stored rather than dropped.
 */
export function formatPublished(published: string | null, approx: boolean, style: DateStyle = { months: 'long' }): string | null {
  if (!published) return null;
  const names = style.months === 'long' ? LONG_MONTHS : SHORT_MONTHS;
  const parse = (value: string | undefined) => {
    const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim()) : null;
    if (!m) return undefined;
    return { year: m[1]!, month: m[2] ? names[Number(m[2]) - 1] : undefined, day: m[3] ? String(Number(m[3])) : undefined };
  };
  const join = (p: { year: string; month?: string | undefined; day?: string | undefined }) => [p.day, p.month, p.year].filter(Boolean).join(' ');
  const [fromRaw, toRaw] = published.split('/');
  const from = parse(fromRaw);
  const to = parse(toRaw);
  let text: string;
  if (!from) text = published;
  else if (!to) text = join(from);
  else if (from.year === to.year && from.month && to.month && !from.day && !to.day) text = `${from.month}–${to.month} ${to.year}`;
  else text = `${join(from)} – ${join(to)}`;
  return approx ? `about ${text}` : text;
}
