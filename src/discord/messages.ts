import { ChannelType, type Message, type MessageReplyOptions } from 'discord.js';
import type { CommandContext } from '../../commands/index.js';
import { MAX_QUESTION_LENGTH, checkQuestion, mentionsUser } from './input.js';
import type { RateLimiter } from './rate-limiter.js';
import { recordAnswer } from './record.js';
import { answerEmbed } from './render/answer-reply.js';
import { answerButtons } from './render/buttons.js';
import { ERROR_NOTICE, rateLimitNotice, tooLongNotice, usageHint } from './render/notices.js';

export interface MessageDeps {
  context: CommandContext;
  limiter: RateLimiter;
}

/**
 * Whether a message is addressed to the bot: any DM from a person, or a guild message that
 * mentions the bot user itself. @everyone, @here, role mentions (even the bot's own role) and
 * reply-pings do not count: only `<@bot>` typed in the text does. Bots, webhooks and system
 * messages never count, so two bots cannot talk each other into a loop.
 */
export function isAddressedToBot(message: Message, botUserId: string): boolean {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (message.author.id === botUserId) return false;
  if (message.channel.type === ChannelType.DM) return true;
  return message.inGuild() && mentionsUser(message.content, botUserId);
}

function describe(message: Message) {
  return { messageId: message.id, userId: message.author.id, guildId: message.guildId, channelId: message.channelId };
}

async function answerMessage(message: Message, botUserId: string, deps: MessageDeps): Promise<void> {
  const decision = deps.limiter.take(message.author.id, message.channel.type === ChannelType.DM ? 'dm' : 'mention');
  if (!decision.allowed) {
    // Messages cannot be ephemeral, so a spammer gets one notice per run of refusals, then silence.
    if (decision.firstRefusal) await message.reply(rateLimitNotice(decision.retryAfterSeconds));
    return;
  }
  const checked = checkQuestion(message.content);
  let reply: MessageReplyOptions;
  if (checked.kind === 'empty') reply = { content: usageHint(botUserId) };
  else if (checked.kind === 'too-long') reply = { content: tooLongNotice(checked.length, MAX_QUESTION_LENGTH) };
  else {
    const answer = deps.context.engine().answer(checked.question);
    const surface = message.channel.type === ChannelType.DM ? 'dm' : 'mention';
    const questionId = recordAnswer(deps.context.store, { answer, userId: message.author.id, surface, question: checked.question });
    reply = { embeds: [answerEmbed(answer)], components: answerButtons(answer, questionId) };
  }
  await message.reply(reply);
}

/** Answers mentions and DMs; an exception is logged with context and the asker is told, once. */
export function createMessageHandler(deps: MessageDeps): (message: Message) => Promise<void> {
  return async (message) => {
    const botUserId = message.client.user.id;
    if (!isAddressedToBot(message, botUserId)) return;
    try {
      await answerMessage(message, botUserId, deps);
    } catch (error) {
      deps.context.logger.error('message handler failed', { ...describe(message), error });
      await message.reply(ERROR_NOTICE).catch((replyError: unknown) => {
        deps.context.logger.warn('could not send the error notice', { ...describe(message), error: replyError });
      });
    }
  };
}
