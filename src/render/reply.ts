import type { APIEmbed } from 'discord-api-types/v10';
import type { ButtonRow } from './components.js';
import { clip } from './embed.js';
import { MESSAGE_CONTENT_LIMIT } from './limits.js';
import { escapePings } from './mentions.js';

/** Mentions in every outgoing message: none, whatever the article text says (`@everyone`, `<@&role>`, `<@user>`). */
export type NoMentions = { parse: [] };

/** One Discord message as plain JSON, with the field names of Discord's API. */
export type ReplyMessage = {
  content?: string;
  embeds?: APIEmbed[];
  /** Button rows under the message; platforms without buttons (the console) leave them out. */
  components?: ButtonRow[];
  allowed_mentions: NoMentions;
};

/**
 * What a command answers, independent of the platform: Discord sends it as the interaction reply (and follow-ups),
 * the console prints it with `renderText`. Every message in it fits Discord's limits.
 */
export type Reply = ReplyMessage & {
  /** Only the person who ran the command sees it (Discord's ephemeral flag; the console ignores it). */
  ephemeral: boolean;
  /** Further messages, in order, when the answer does not fit one message; sent as follow-ups. */
  followUps?: ReplyMessage[];
};

/** A fresh `{ parse: [] }`, so no caller can share and mutate one object. */
export const noMentions = (): NoMentions => ({ parse: [] });

/**
 * A reply made of the given messages: the first is the answer, the rest follow up. Every message is built here, so
 * this is where content has its pings escaped (embeds get theirs in `fitEmbed`) and is held to the content limit.
 */
export function replyWith(messages: readonly Omit<ReplyMessage, 'allowed_mentions'>[], options: { ephemeral?: boolean } = {}): Reply {
  const [first, ...rest] = messages;
  const message = (m: Omit<ReplyMessage, 'allowed_mentions'> | undefined): ReplyMessage => ({
    ...(m?.content !== undefined ? { content: clip(escapePings(m.content), MESSAGE_CONTENT_LIMIT) } : {}),
    ...(m?.embeds !== undefined ? { embeds: m.embeds } : {}),
    ...(m?.components !== undefined && m.components.length > 0 ? { components: m.components } : {}),
    allowed_mentions: noMentions(),
  });
  return {
    ...message(first),
    ephemeral: options.ephemeral ?? false,
    ...(rest.length > 0 ? { followUps: rest.map(message) } : {}),
  };
}

/** Every message of a reply, the answer first. */
export function replyMessages(reply: Reply): ReplyMessage[] {
  const { ephemeral: _ephemeral, followUps, ...first } = reply;
  return [first, ...(followUps ?? [])];
}
