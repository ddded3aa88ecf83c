/**
 * The `days` of `/gaps`. The slash option declares min_value/max_value, so Discord's own client
 * never sends anything else; but an interaction is only JSON from whoever crafted it (an old or
 * modified client, a raw API call), and the value reaches the store and the title ("last N days").
 */

export const GAP_DAYS = { min: 1, max: 365, default: 30 } as const;

export const GAP_DAYS_INVALID = `\`days\` must be a whole number from ${GAP_DAYS.min} to ${GAP_DAYS.max}. Leave it out for the last ${GAP_DAYS.default} days.`;

/**
 * The days asked for, or null when the value is not a whole number in range. Refused rather than
 * clamped: a period other than the one asked for, shown as if it had been asked, would mislead.
 * Takes the raw option value: discord.js's getInteger returns whatever a forged payload holds.
 */
export function gapDays(value: unknown): number | null {
  if (value === undefined || value === null) return GAP_DAYS.default;
  if (typeof value !== 'number' || !Number.isInteger(value)) return null;
  return value >= GAP_DAYS.min && value <= GAP_DAYS.max ? value : null;
}
