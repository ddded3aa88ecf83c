/**
 * INTERACTION_CREATE payloads beyond chat-input commands: a click on a message button
 * (MESSAGE_COMPONENT, type 3: data { custom_id, component_type }, plus the message it is on) and a
 * message context-menu command (type 2 with data.type 3, target_id and resolved.messages), as
 * Discord's interaction object describes them.
 */
export type Special =
  | { kind: 'component'; message: Record<string, any>; customId: unknown }
  | { kind: 'message-command'; message: Record<string, any> };

/** Rewrites the chat-input payload built by buildInteractionPayload into the special kind, in place. */
export function specialPayload(payload: Record<string, any>, special: Special, commandId: string, guildId: string | null): void {
  if (special.kind === 'component') {
    payload.data = { custom_id: special.customId, component_type: 2 };
    payload.message = special.message;
    return;
  }
  const name = (payload.data as { name: string }).name;
  payload.data = {
    id: commandId, name, type: 3, target_id: special.message.id,
    resolved: { messages: { [special.message.id]: special.message } },
    ...(guildId ? { guild_id: guildId } : {}),
  };
}
