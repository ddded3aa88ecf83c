import { ChannelType, type Message, type MessageReplyOptions, type SendableChannels } from 'discord.js';
import type { CommandContext } from '../../commands/index.js';
import type { Surface } from '../store/types.js';
import { looksLikeQuestion, questionOfAnswer, type DmMemory } from './conversation.js';
import { MAX_QUESTION_LENGTH, checkQuestion, mentionsUser } from './input.js';
import type { RateLimiter } from './rate-limiter.js';
import { recordAnswer } from './record.js';
import { answerEmbed } from './render/answer-reply.js';
import { answerButtons } from './render/buttons.js';
import { ERROR_NOTICE, rateLimitNotice, tooLongNotice, usageHint } from './render/notices.js';

export interface MessageDeps {
  context: CommandContext;
  limiter: RateLimiter;
  /** The previous question of each DM, for follow-ups. */
  dms: DmMemory;
}

/** A reply to one of the bot's own messages that pings it (Discord's default for a reply). */
function isPingingReplyToBot(message: Message, botUserId: string): boolean {
  return Boolean(message.reference?.messageId) && message.mentions.repliedUser?.id === botUserId && message.mentions.users.has(botUserId);
}

/**
 * Whether a message is addressed to the bot: any DM from a person, a guild message that
 * mentions the bot user itself, or a question replying to one of its answers with the reply ping.
 * @everyone, @here, role mentions (even the bot's own role) and a reply ping on anything that is
 * not a question ("thanks!") do not count. Bots, webhooks and system messages never count, so two
 * bots cannot talk each other into a loop.
 */
export function isAddressedToBot(message: Message, botUserId: string): boolean {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (message.author.id === botUserId) return false;
  if (message.channel.type === ChannelType.DM) return true;
  if (!message.inGuild()) return false;
  return mentionsUser(message.content, botUserId) || (isPingingReplyToBot(message, botUserId) && looksLikeQuestion(message.content));
}

/**
 * The message's channel, held for as long as the message is being answered. `message.channel`,
 * `message.reply()` and `message.fetchReference()` look the channel up in the client's cache each
 * time, and a DM channel may be dropped from it meanwhile (client.ts bounds how many are kept), so
 * a DM would go unanswered. It is cached when the message arrives: taken then, it cannot be missing.
 */
interface InChannel {
  message: Message;
  channel: SendableChannels;
}

/** `message.reply()` through the channel held. */
function reply({ message, channel }: InChannel, options: string | MessageReplyOptions) {
  const body = typeof options === 'string' ? { content: options } : options;
  // failIfNotExists left undefined falls back to the client's option, as in message.reply().
  return channel.send({ ...body, reply: { messageReference: message, failIfNotExists: body.failIfNotExists } });
}

/** The question of the bot answer this message replies to (read from that message, so it works after a restart). */
async function repliedToQuestion({ message, channel }: InChannel, botUserId: string, deps: MessageDeps): Promise<string | undefined> {
  try {
    const { channelId, messageId } = message.reference!;
    const replied = channelId === channel.id ? await channel.messages.fetch(messageId!) : await message.fetchReference();
    return questionOfAnswer(replied, botUserId);
  } catch (error) {
    // Deleted meanwhile, or no Read Message History here: answer the question on its own.
    deps.context.logger.debug('could not read the replied-to answer', { ...describe(message), error });
    return undefined;
  }
}

function describe(message: Message) {
  return { userId: message.author.id };
}

async function answerMessage(held: InChannel, botUserId: string, deps: MessageDeps): Promise<void> {
  const { message, channel } = held;
  const dm = channel.type === ChannelType.DM;
  const decision = deps.limiter.take(message.author.id, dm ? 'dm' : 'mention');
  if (!decision.allowed) {
    // Messages cannot be ephemeral, so a spammer gets one notice per run of refusals, then silence.
    if (decision.firstRefusal) await reply(held, rateLimitNotice(decision.retryAfterSeconds));
    return;
  }
  const checked = checkQuestion(message.content);
  let options: MessageReplyOptions;
  if (checked.kind === 'empty') options = { content: usageHint(botUserId) };
  else if (checked.kind === 'too-long') options = { content: tooLongNotice(checked.length, MAX_QUESTION_LENGTH) };
  else {
    const isReply = Boolean(message.reference?.messageId) && message.mentions.repliedUser?.id === botUserId;
    // Awaited only for a reply: any other message is answered without yielding, so replies leave
    // in the order the messages came (and a rate-limit notice cannot overtake an answer).
    const replied = isReply ? await repliedToQuestion(held, botUserId, deps) : undefined;
    // In a DM, the previous question within FOLLOW_UP_MINUTES.
    const previous = replied ?? (dm ? deps.dms.previous(message.author.id) : undefined);
    const answer = deps.context.engine().answer(checked.question, { previous });
    // What was answered, so the next DM question can follow on from it in turn.
    if (dm) deps.dms.remember(message.author.id, answer.question);
    const surface: Surface = isReply ? 'reply' : dm ? 'dm' : 'mention';
    const questionId = recordAnswer(deps.context, { answer, userId: message.author.id, guildId: dm ? null : message.guildId, surface, question: checked.question });
    options = { embeds: [answerEmbed(answer)], components: answerButtons(answer, questionId) };
  }
  await reply(held, options);
}

/** Answers mentions and DMs; an exception is logged with context and the asker is told, once. */
export function createMessageHandler(shared: MessageDeps): (message: Message) => Promise<void> {
  return async (message) => {
    const botUserId = message.client.user.id;
    if (!isAddressedToBot(message, botUserId)) return;
    // Every line about this message (the engine's and store's included) carries its ids.
    const logger = shared.context.logger.child({ messageId: message.id, guildId: message.guildId, channelId: message.channelId });
    const deps: MessageDeps = { ...shared, context: { ...shared.context, logger } };
    // Taken before the first await (see InChannel). Every channel the bot is addressed in can be sent
    // to; the check is for the types (a group DM is not one the bot can answer in).
    const channel = message.channel;
    if (!channel.isSendable()) return;
    const held = { message, channel };
    try {
      await answerMessage(held, botUserId, deps);
    } catch (error) {
      deps.context.logger.error('message handler failed', { ...describe(message), error });
      await reply(held, ERROR_NOTICE).catch((replyError: unknown) => {
        deps.context.logger.warn('could not send the error notice', { ...describe(message), error: replyError });
      });
    }
  };
}
