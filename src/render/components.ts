import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  type APIButtonComponentWithURL,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { clip } from './embed.js';
import { ACTION_ROWS_PER_MESSAGE, BUTTON_LABEL_LIMIT, BUTTONS_PER_ROW, CUSTOM_ID_LIMIT, LINK_BUTTON_URL_LIMIT } from './limits.js';

/** A row of buttons under a message, as Discord's API takes it. */
export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

const ArticleId = z.string().regex(/^[0-9a-f]{12}$/);
const Count = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number);
const CountOrAll = z.union([Count, z.literal('all').transform(() => null)]);

/**
 * What a button asks for, parsed from its custom id. The id carries the whole request (no server-side state), so any
 * instance can answer a press; the handler still re-checks every id and page against the store.
 * - `quotes:ID`: the article's quotes, first page, as a new message (`All quotes` on a brief).
 * - `quotes-page:ID:PAGE:SPEAKER`: a page of an article's quotes; SPEAKER is an index into its speakers, or `all`.
 * - `search-page:PAGE:DAYS:QUERY`: a page of `/search` results; DAYS is `all` when the search had no `days`.
 */
const ButtonIdParts = z.union([
  z.tuple([z.literal('quotes'), ArticleId]).transform(([kind, articleId]) => ({ kind, articleId })),
  z
    .tuple([z.literal('quotes-page'), ArticleId, Count, CountOrAll])
    .transform(([kind, articleId, page, speaker]) => ({ kind, articleId, page, speaker })),
  z
    .tuple([z.literal('search-page'), Count, CountOrAll, z.string().trim().min(1)])
    .transform(([kind, page, days, query]) => ({ kind, page, days, query })),
]);
export type ButtonAction = z.output<typeof ButtonIdParts>;

/** The action a custom id names, or `undefined` for anything newsbrief did not make (or no longer understands). */
export function parseButtonId(customId: string): ButtonAction | undefined {
  if (customId.length > CUSTOM_ID_LIMIT) return undefined;
  const [kind, ...rest] = customId.split(':');
  // A search query may itself hold colons: it is everything after the second field.
  const parts = kind === 'search-page' ? [kind, rest[0], rest[1], rest.slice(2).join(':')] : [kind, ...rest];
  const parsed = ButtonIdParts.safeParse(parts);
  return parsed.success ? parsed.data : undefined;
}

/** Whether a button redraws its own message (Previous, Next) rather than answering with a new one. */
export function turnsPage(customId: string): boolean {
  const action = parseButtonId(customId);
  return action !== undefined && action.kind !== 'quotes';
}

/** The custom id for an action, or `undefined` when it would not fit Discord's 100 characters (a long query). */
export function buttonId(action: ButtonAction): string | undefined {
  const all = (value: number | null): string => (value === null ? 'all' : String(value));
  const id =
    action.kind === 'quotes'
      ? `quotes:${action.articleId}`
      : action.kind === 'quotes-page'
        ? `quotes-page:${action.articleId}:${action.page}:${all(action.speaker)}`
        : `search-page:${action.page}:${all(action.days)}:${action.query}`;
  return id.length <= CUSTOM_ID_LIMIT ? id : undefined;
}

/** A grey button that sends `action`; `undefined` when its id does not fit. */
export function actionButton(label: string, action: ButtonAction, options: { disabled?: boolean } = {}): APIButtonComponentWithCustomId | undefined {
  const customId = buttonId(action);
  if (customId === undefined) return undefined;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: clip(label, BUTTON_LABEL_LIMIT, { note: false }),
    custom_id: customId,
    ...(options.disabled === true ? { disabled: true } : {}),
  };
}

/** A button that opens `url` in the browser; `undefined` for a URL Discord would refuse (over 512 characters). */
export function linkButton(label: string, url: string): APIButtonComponentWithURL | undefined {
  if (url.length > LINK_BUTTON_URL_LIMIT || !/^https?:\/\//i.test(url)) return undefined;
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: clip(label, BUTTON_LABEL_LIMIT, { note: false }), url };
}

/** `Previous` and `Next` for page `page` (from 0) of `pageCount`, each disabled at its end; none for a single page. */
export function pageButtons(page: number, pageCount: number, actionFor: (page: number) => ButtonAction): APIButtonComponentWithCustomId[] {
  if (pageCount <= 1) return [];
  const previous = actionButton('Previous', actionFor(Math.max(0, page - 1)), { disabled: page === 0 });
  const next = actionButton('Next', actionFor(Math.min(pageCount - 1, page + 1)), { disabled: page >= pageCount - 1 });
  // Both ids, or neither: a lone Next or Previous would be confusing.
  return previous !== undefined && next !== undefined ? [previous, next] : [];
}

/**
 * The buttons in rows of at most 5, at most 5 rows (later buttons are left out); skips the `undefined` left by
 * buttons that could not be made. No rows for no buttons.
 */
export function buttonRows(buttons: readonly (APIButtonComponent | undefined)[]): ButtonRow[] {
  const present = buttons.filter((button): button is APIButtonComponent => button !== undefined);
  const rows: ButtonRow[] = [];
  for (let start = 0; start < present.length && rows.length < ACTION_ROWS_PER_MESSAGE; start += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: present.slice(start, start + BUTTONS_PER_ROW) });
  }
  return rows;
}
