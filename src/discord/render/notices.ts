/** Short plain-text notices. Slash commands send them ephemeral; mention/DM replies send them once. */

export function rateLimitNotice(retryAfterSeconds: number): string {
  const s = Math.max(1, Math.ceil(retryAfterSeconds));
  return `You're asking faster than I can keep up. Please try again in ${s} second${s === 1 ? '' : 's'}.`;
}

export const ERROR_NOTICE = 'Sorry, something went wrong while answering that. Please try again in a moment.';

export function tooLongNotice(length: number, max: number): string {
  return `That question is ${length} characters long; please keep it to ${max} or fewer.`;
}

/** What a bare mention ("@bot" with nothing else) gets. */
export function usageHint(botUserId: string): string {
  return (
    `Ask me about Chinese AI models, for example: <@${botUserId}> How many LLMs did China release in 2023?\n` +
    'You can also use `/ask`, or send me a direct message. `/help` has more.'
  );
}
