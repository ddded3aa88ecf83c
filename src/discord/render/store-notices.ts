/** What people are told when the question store cannot do what they asked (it is retried in the background). */

export const STORE_UNAVAILABLE =
  "The question store is unavailable right now (the bot's operator has the reason in the log), so there is nothing to show. " +
  'Answers work as usual; please try again later.';

export const FORGET_UNAVAILABLE =
  "The question store is unavailable right now, so I couldn't delete what is stored for you (anything of yours not yet written was dropped). " +
  'Please run /forget-me again later.';

export const FORGET_FAILED =
  "I couldn't delete your records just now: the database was busy or failing (the bot's operator has the reason in the log). " +
  'Please run /forget-me again in a minute.';

export const VOTE_UNAVAILABLE = "Thanks, but votes can't be recorded right now: the question store is unavailable. Answers work as usual.";

export const VOTE_NOT_RECORDED =
  "That vote wasn't counted: this answer's question is no longer recorded (deleted by /forget-me or after the retention period). Ask again for a fresh answer.";

export const VOTES_OFF = 'This bot no longer records questions, so votes are not kept.';

/** A place of the gaps report as an operator reads it: a server by name when the bot knows it. */
export function placeLabel(place: string, guildName: (id: string) => string | undefined): string {
  if (place === 'dm') return 'a DM';
  if (place === 'unknown') return 'unknown (asked before servers were recorded)';
  const name = guildName(place);
  return name ? `${name} (${place})` : `server ${place}`;
}
