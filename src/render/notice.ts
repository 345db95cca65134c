import { clip } from './embed.js';
import { MESSAGE_CONTENT_LIMIT } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/** A plain-text answer (no embed), cut to the 2,000-character content limit. Ephemeral unless told otherwise. */
export function renderNotice(text: string, options: { ephemeral?: boolean } = {}): Reply {
  return replyWith([{ content: clip(text, MESSAGE_CONTENT_LIMIT) }], { ephemeral: options.ephemeral ?? true });
}

/** What a person sees for a `UserError`: its message as written, only to them. */
export function renderUserError(message: string): Reply {
  return renderNotice(message);
}

/** The answer to a failure on our side: nothing internal, just a reference to find the log line. */
export function renderInternalError(ref: string): Reply {
  return renderNotice(`Something went wrong on our side (ref ${ref}). It has been logged; please try again later.`);
}

/** The answer when the article store cannot be reached; the ref points at the logged cause. */
export function renderStoreUnavailable(ref: string): Reply {
  return renderNotice(`The article store is not available right now (ref ${ref}). Please try again in a minute.`);
}
