const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A reader's date: "12 May 2023", "May 2023", "2023", "June–August 2023"; "about …" when the date is
 * inferred rather than printed on the page. Precision is never added.
 */
export function formatPublished(published: string | null, approx: boolean): string | null {
  if (!published) return null;
  const [from, to] = published.split('/');
  const one = (d: string) => {
    const [y, m, day] = d.split('-');
    const month = m ? MONTHS[Number(m) - 1] : undefined;
    if (day && month) return `${Number(day)} ${month} ${y}`;
    if (month) return `${month} ${y}`;
    return y ?? d;
  };
  let text = one(from!);
  if (to) {
    const [y1] = from!.split('-');
    const [y2, m2] = to.split('-');
    text = y1 === y2 && m2 ? `${text.replace(` ${y1}`, '')}–${MONTHS[Number(m2) - 1]} ${y2}` : `${text}–${one(to)}`;
  }
  return approx ? `about ${text}` : text;
}
