/**
 * When Discord refuses the bot for good: a rejected token, or a gateway close after which
 * discord.js does not reconnect. Restarting cannot help, so each gets one line that says what to
 * change, and the process ends with a non-zero code instead of idling or stopping "successfully".
 */
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from 'discord.js';

/** A 401 from the REST API: the same words for `npm start`, `start:sharded` and `deploy-commands`. */
export const TOKEN_REJECTED =
  'Discord rejected DISCORD_TOKEN (401); reset the token in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN in .env';

/**
 * Gateway close codes after which discord.js gives the shard up, with what to do about each
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes).
 */
const FATAL_CLOSES: Readonly<Record<number, string>> = {
  4004:
    'authentication failed: DISCORD_TOKEN is no longer valid (was it reset?); reset the token in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN in .env',
  4010: 'invalid shard: the shard id or count is wrong; start the bot with npm start or npm run start:sharded, without setting SHARDS or SHARD_COUNT by hand',
  4011: 'sharding required: the bot is in too many servers for one connection; start it with npm run start:sharded',
  4012: 'invalid API version: this discord.js speaks a gateway version Discord no longer accepts; update discord.js and restart',
  4013: 'invalid intents: the intents in src/discord/client.ts are not a valid set; fix them there',
  4014: 'disallowed intents: the bot asks for a privileged intent this application may not use; enable it in the Developer Portal (Bot → Privileged Gateway Intents) or remove it from src/discord/client.ts',
};

/** Discord refused the bot for a reason only a person can fix; the message says how, in one line. */
export class DiscordRefusal extends Error {
  override readonly name = 'DiscordRefusal';
}

/** The refusal for a gateway close code, or undefined when discord.js reconnects by itself. */
export function gatewayRefusal(code: number, shardId: number): DiscordRefusal | undefined {
  const advice = FATAL_CLOSES[code];
  return advice ? new DiscordRefusal(`Discord closed the gateway (shard ${shardId}) with ${code}, ${advice}`) : undefined;
}

/** True for the errors discord.js and its REST client give for a token that Discord rejected. */
export function isTokenRejected(error: unknown): boolean {
  return (
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401)
  );
}
