/** Invisible, so the text reads as typed, yet it breaks Discord's mention syntax. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * `text` with every mention that can ping made inert: `@everyone` and `@here` (any case), `<@id>`, `<@!id>` and
 * `<@&id>` get a zero-width space after `@` or `<`. Applied to every message and embed (`replyWith`, `fitEmbed`),
 * so nothing newsbrief sends can ping even if its `allowed_mentions` were lost. Idempotent.
 */
export function escapePings(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`).replace(/<(@[!&]?)(?=\d)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/**
 * `escapePings`, and channel mentions (`<#id>`) too: for text from articles and users (`escapeText`), which shows
 * as typed. Channel links newsbrief writes itself (the digest channel) are left working.
 */
export function escapeMentions(text: string): string {
  return escapePings(text).replace(/<#(?=\d)/g, `<${ZERO_WIDTH_SPACE}#`);
}

/** Removes exactly the zero-width spaces `escapeMentions` adds, for plain-text output. */
export function unescapeMentions(text: string): string {
  return text.replace(/@\u200b(everyone|here)/gi, '@$1').replace(/<\u200b(@[!&]?|#)(?=\d)/g, '<$1');
}
