/**
 * A bot message (its embeds and buttons, exactly as sent to Discord) as HTML for
 * @skyra/discord-components-core, the web components that draw Discord's chat look. Used by
 * `npm run pictures` to make the README's pictures from the bot's real replies.
 *
 * Discord's markdown is converted for the few forms the bot's replies use: **bold**, *italic*,
 * [links](url), `code`, "> " quotes, "-# " small print and <t:…:R> relative times.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

export interface BotMessage {
  embeds: APIEmbed[];
  rows?: APIActionRowComponent<APIButtonComponent>[];
  /** What the person asked (shown above the reply, as the slash command that was run). */
  command?: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function relativeTime(seconds: number, now: number): string {
  const minutes = Math.round((now / 1000 - seconds) / 60);
  if (minutes < 60) return `${Math.max(1, minutes)} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** One line of Discord markdown (no block forms) as HTML. */
function inline(text: string, now: number): string {
  let html = escapeHtml(text.replace(/\\([*_~`|>\[\]()\\-])/g, (_m, c: string) => `\u0000${c.charCodeAt(0)}\u0000`));
  html = html.replace(/&lt;t:(\d+):R&gt;/g, (_m, s: string) => relativeTime(Number(s), now));
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => `<discord-link href="${url}">${label}</discord-link>`);
  html = html.replace(/\*\*(.+?)\*\*/g, '<discord-bold>$1</discord-bold>');
  html = html.replace(/(^|[^*])\*([^*]+)\*/g, '$1<discord-italic>$2</discord-italic>');
  html = html.replace(/`([^`]+)`/g, '<discord-code>$1</discord-code>');
  return html.replace(/\u0000(\d+)\u0000/g, (_m, code: string) => escapeHtml(String.fromCharCode(Number(code))));
}

/** Discord markdown (several lines) as HTML: quote runs become one quote block. */
export function markdownToHtml(text: string, now = Date.now()): string {
  const out: string[] = [];
  let quote: string[] = [];
  const endQuote = () => {
    if (quote.length) out.push(`<discord-quote>${quote.join('<br>')}</discord-quote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('> ')) quote.push(inline(line.slice(2), now));
    else {
      endQuote();
      out.push(line.startsWith('-# ') ? `<small style="opacity:.7">${inline(line.slice(3), now)}</small>` : inline(line, now));
    }
  }
  endQuote();
  return out.join('<br>');
}

const BUTTON_TYPES: Record<number, string> = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'destructive' };

function embedHtml(embed: APIEmbed, now: number): string {
  const colour = embed.color === undefined ? '' : ` color="#${embed.color.toString(16).padStart(6, '0')}"`;
  const attrs = `slot="embeds"${colour}${embed.title ? ` embed-title="${escapeHtml(embed.title)}"` : ''}${embed.author ? ` author-name="${escapeHtml(embed.author.name)}"` : ''}`;
  const parts: string[] = [];
  if (embed.description) parts.push(`<discord-embed-description slot="description">${markdownToHtml(embed.description, now)}</discord-embed-description>`);
  if (embed.fields?.length) {
    const fields = embed.fields.map((f) => `<discord-embed-field field-title="${escapeHtml(f.name)}"${f.inline ? ' inline' : ''}>${markdownToHtml(f.value, now)}</discord-embed-field>`);
    parts.push(`<discord-embed-fields slot="fields">${fields.join('')}</discord-embed-fields>`);
  }
  if (embed.footer) parts.push(`<discord-embed-footer slot="footer">${escapeHtml(embed.footer.text)}</discord-embed-footer>`);
  return `<discord-embed ${attrs}>${parts.join('')}</discord-embed>`;
}

function rowsHtml(rows: APIActionRowComponent<APIButtonComponent>[]): string {
  const html = rows.map((row) => {
    const buttons = row.components.map((b) => {
      const label = 'label' in b && b.label ? escapeHtml(b.label) : '';
      const emoji = 'emoji' in b && b.emoji?.name ? `${b.emoji.name} ` : '';
      const link = 'url' in b && b.url ? ` url="${escapeHtml(b.url)}"` : ` type="${BUTTON_TYPES[b.style] ?? 'secondary'}"`;
      return `<discord-button${link}>${emoji}${label}</discord-button>`;
    });
    return `<discord-action-row>${buttons.join('')}</discord-action-row>`;
  });
  return `<discord-attachments slot="components">${html.join('')}</discord-attachments>`;
}

/** A plain round avatar, drawn here: the pictures are made offline, without Discord's CDN. */
function avatar(colour: string, letter: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><circle cx="40" cy="40" r="40" fill="${colour}"/><text x="40" y="53" font-size="38" font-family="sans-serif" fill="white" text-anchor="middle">${letter}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** One message of the bot in a `<discord-messages>` frame with the given id. */
export function messageHtml(id: string, message: BotMessage, bot: { name: string }, now = Date.now()): string {
  const reply = message.command ? `<discord-command slot="reply" author="A member" avatar="${avatar('#5865f2', 'M')}" command="/${escapeHtml(message.command)}"></discord-command>` : '';
  const embeds = message.embeds.map((e) => embedHtml(e, now)).join('');
  const rows = message.rows?.length ? rowsHtml(message.rows) : '';
  return `<discord-messages id="${id}"><discord-message author="${escapeHtml(bot.name)}" avatar="${avatar('#c0392b', escapeHtml(bot.name[0] ?? 'B'))}" bot>${reply}${embeds}${rows}</discord-message></discord-messages>`;
}
