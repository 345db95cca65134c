/** Discord's message limits; the only place that holds these numbers. */
export const MESSAGE_CONTENT_LIMIT = 2_000;
export const EMBED_TITLE_LIMIT = 256;
export const EMBED_DESCRIPTION_LIMIT = 4_096;
export const EMBED_FIELD_LIMIT = 25;
export const EMBED_FIELD_NAME_LIMIT = 256;
export const EMBED_FIELD_VALUE_LIMIT = 1_024;
export const EMBED_FOOTER_LIMIT = 2_048;
export const EMBED_AUTHOR_NAME_LIMIT = 256;
export const EMBED_TOTAL_LIMIT = 6_000;
export const EMBEDS_PER_MESSAGE = 10;
export const AUTOCOMPLETE_CHOICES_LIMIT = 25;
export const AUTOCOMPLETE_NAME_LIMIT = 100;
export const AUTOCOMPLETE_VALUE_LIMIT = 100;
/** Characters a `/quotes` page aims for, so that two pages and their titles share one message's 6,000 total. */
export const QUOTES_PAGE_TARGET = 2_800;
/** Matches `/search` lists at most (one embed field each, well under the 25-field limit). */
export const SEARCH_RESULTS_LIMIT = 10;
/** Characters of typed input or a headline repeated back inside a short answer. */
export const ECHO_LIMIT = 120;
/** Characters of the speaker list in an "unknown speaker" answer (well under the 2,000 content limit). */
export const SPEAKER_LIST_LIMIT = 1_500;
export const BUTTONS_PER_ROW = 5;
export const ACTION_ROWS_PER_MESSAGE = 5;
export const CUSTOM_ID_LIMIT = 100;
export const BUTTON_LABEL_LIMIT = 80;
/** Pages of `/search` results the Next button reaches (`SEARCH_RESULTS_LIMIT` each). */
export const SEARCH_PAGES_LIMIT = 5;
export const LINK_BUTTON_URL_LIMIT = 512;
