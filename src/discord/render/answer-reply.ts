import type { APIEmbed, JSONEncodable } from 'discord.js';
import { deepFreeze } from '../../answer/answer-cache.js';
import type { Answer } from '../../answer/types.js';
import { renderAnswerEmbed } from './answer.js';

/**
 * The answer embed in the form discord.js sends fastest. A plain embed object goes through
 * discord.js's `toSnakeCase` on every reply (lodash.snakecase on each key, recursively: about a tenth
 * of the bot's work per answer); ours is already in API shape, so it is handed over as a
 * JSONEncodable and serialised as is.
 */
function encodable(embed: APIEmbed): JSONEncodable<APIEmbed> {
  return { toJSON: () => embed };
}

/**
 * Rendered embeds of answers the engine has frozen (and caches): such an answer cannot change, so
 * it always renders the same embed, and a busy bot answering the same question again need not
 * render it again. Weak keys: the entry goes when the engine's cache (or a reload) drops the answer.
 */
const rendered = new WeakMap<Answer, JSONEncodable<APIEmbed>>();

/** The embed answering `answer`, rendered once per frozen answer. */
export function answerEmbed(answer: Answer): JSONEncodable<APIEmbed> {
  if (!Object.isFrozen(answer)) return encodable(renderAnswerEmbed(answer));
  let embed = rendered.get(answer);
  if (!embed) {
    // Frozen too, since every reply with this answer shares it.
    embed = encodable(deepFreeze(renderAnswerEmbed(answer)));
    rendered.set(answer, embed);
  }
  return embed;
}
