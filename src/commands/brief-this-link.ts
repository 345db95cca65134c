import { ApplicationCommandType } from 'discord-api-types/v10';
import { UserError } from '../errors.js';
import { firstUrl } from '../services/article-lookup.js';
import { brief } from './brief.js';
import type { MessageCommand } from './command.js';

/**
 * "Brief this link" in a message's Apps menu: `/brief` for the first link in the message (its text first, then its
 * embeds), fetching the page when it is not stored, with the default options.
 */
export const briefThisLink: MessageCommand = {
  definition: { type: ApplicationCommandType.Message, name: 'Brief this link' },
  async run(message, ctx) {
    const url = firstUrl(message.content) ?? message.embedUrls.map(firstUrl).find((found) => found !== undefined);
    if (url === undefined) throw new UserError('no_link', 'This message has no link to brief.');
    const args = brief.args.safeParse({ article: url });
    if (!args.success) throw new UserError('no_link', 'The link in this message is too long to brief.');
    return brief.run(args.data, ctx);
  },
};
