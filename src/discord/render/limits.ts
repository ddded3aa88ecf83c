import type { APIEmbed } from 'discord.js';

/** Discord's documented message and embed limits (characters unless said otherwise). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name. */
  embedTotal: 6000,
  choiceName: 100,
  choices: 25,
} as const;

/** Accent colours, so a glance tells an answer from a "not in my sources". */
export const COLORS = {
  answer: 0x2f6fdb,
  declined: 0xd99a1e,
  /** "Not sure, closest passages": neither the answer's blue nor the decline's amber. */
  related: 0x8e9297,
  info: 0x5865f2,
} as const;

/** The characters Discord counts against the 6000 per-message embed budget. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) n += field.name.length + field.value.length;
  return n;
}

/** Lists every limit an embed breaks; empty when it is safe to send. Used by tests and as a guard. */
export function embedLimitViolations(embed: APIEmbed): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('title', embed.title?.length ?? 0, LIMITS.embedTitle);
  over('description', embed.description?.length ?? 0, LIMITS.embedDescription);
  over('footer', embed.footer?.text.length ?? 0, LIMITS.footer);
  over('fields', embed.fields?.length ?? 0, LIMITS.fields);
  embed.fields?.forEach((field, i) => {
    over(`fields[${i}].name`, field.name.length, LIMITS.fieldName);
    over(`fields[${i}].value`, field.value.length, LIMITS.fieldValue);
    if (field.name.trim() === '' || field.value.trim() === '') problems.push(`fields[${i}]: empty`);
  });
  over('total', embedLength(embed), LIMITS.embedTotal);
  return problems;
}
