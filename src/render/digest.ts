import type { APIEmbed } from 'discord-api-types/v10';
import type { Digest, DigestSection, DigestStory } from '../services/digest/build-digest.js';
import { chunkBlocks, clip, escapeText, linkTarget, linkText, packEmbeds } from './embed.js';
import { formatDate, formatDayTime, formatList } from './format.js';
import { EMBED_DESCRIPTION_LIMIT, EMBED_FOOTER_LIMIT, EMBED_TITLE_LIMIT, MESSAGE_CONTENT_LIMIT } from './limits.js';
import { replyMessages, replyWith, type Reply, type ReplyMessage } from './reply.js';

/** Longest summary line shown for a story; it is the briefing engine's sentence, cut at a word and marked. */
const SUMMARY_LIMIT = 300;
/** Longest quote shown; a quote is shown whole or not at all. */
const QUOTE_LIMIT = 500;
const SPEAKER_LIMIT = 100;
const OTHER_SECTION = 'Other stories';
/**
 * A section's stories go into embeds of at most this many characters: well under the 4,096 description limit, so
 * that several fit one message's 6,000 and a busy day takes fewer messages.
 */
const SECTION_CHUNK = 2_000;

/** `25 Nov 2026` for a local date. */
const dayLabel = (digest: Digest): string => formatDate(`${digest.localDate}T12:00:00.000Z`, 'UTC');

const stories = (count: number): string => `${count} ${count === 1 ? 'story' : 'stories'}`;

/** Outlets named in a story's line; more are counted. */
const OUTLETS_NAMED = 3;

/**
 * Who covered the story: the outlet of a one-article story; for several articles the outlets (the first few named,
 * the rest counted) and the article count, e.g. `Harbour Post, Coast Times and 2 more · 5 articles`.
 */
function coverage(story: DigestStory): string | null {
  if (story.articleCount <= 1) return story.outlet;
  const named = story.outlets.slice(0, OUTLETS_NAMED);
  const more = story.outlets.length - named.length;
  const outlets = more > 0 ? `${named.join(', ')} and ${more} more` : formatList(named);
  return `${outlets === '' ? '' : `${outlets} · `}${story.articleCount} articles`;
}

function storyMeta(story: DigestStory, timeZone: string): string[] {
  return [coverage(story), story.publishedAt !== null ? formatDayTime(story.publishedAt, timeZone) : null].filter(
    (part): part is string => part !== null,
  );
}

function storyBlock(story: DigestStory, timeZone: string): string {
  const title = clip(story.title, EMBED_TITLE_LIMIT, { note: false });
  const lines = [story.url !== null ? `**[${linkText(title)}](${linkTarget(story.url)})**` : `**${escapeText(title)}**`];
  const meta = storyMeta(story, timeZone).map(escapeText).join(' · ');
  if (meta !== '') lines.push(meta);
  if (story.summary !== null) lines.push(escapeText(clip(story.summary, SUMMARY_LIMIT)));
  const quote = story.quote;
  if (quote !== null && quote.text.length <= QUOTE_LIMIT) {
    // Line breaks inside a quote would break the block quote; only whitespace is changed, never a word.
    const text = quote.text.replace(/\s+/g, ' ').trim();
    const speaker = quote.speaker === null ? 'speaker unclear' : clip(quote.speaker, SPEAKER_LIMIT, { note: false });
    lines.push(`> “${escapeText(text)}” — ${escapeText(speaker)}`);
  }
  return lines.join('\n');
}

function sectionEmbeds(section: DigestSection, timeZone: string): APIEmbed[] {
  const name = clip(section.name ?? OTHER_SECTION, EMBED_TITLE_LIMIT - ' (continued)'.length, { note: false });
  const blocks = section.stories.map((story) => storyBlock(story, timeZone));
  // A story longer than the chunk (a very long link) gets an embed of its own rather than being split mid-link.
  const longest = Math.max(0, ...blocks.map((block) => block.length));
  const chunks = chunkBlocks(blocks, Math.min(Math.max(SECTION_CHUNK, longest), EMBED_DESCRIPTION_LIMIT));
  return chunks.map((description, index) => ({
    title: escapeText(index === 0 ? name : `${name} (continued)`),
    description,
  }));
}

/** `24 Nov 07:00 to 25 Nov 07:00`, in the digest's time zone. */
const windowText = (digest: Digest): string =>
  `${formatDayTime(digest.window.from, digest.timezone)} to ${formatDayTime(digest.window.to, digest.timezone)}`;

/** What an empty digest says, from where its window starts: a first digest has no "last digest" to speak of. */
function emptyText(digest: Digest): string {
  switch (digest.window.follows ?? 'last-digest') {
    case 'last-digest':
      return 'No new stories since the last digest.';
    case 'no-digest':
      return 'No digest was posted before this one, and no stories were published in the day before it.';
    case 'previous-day':
      return `No stories were published from ${windowText(digest)}.`;
  }
}

/** The heading line: day, story count and the covered span. */
function heading(digest: Digest): string {
  const count = digest.more > 0 ? `${digest.shown} of ${stories(digest.shown + digest.more)}` : stories(digest.shown);
  return clip(`**Daily digest · ${dayLabel(digest)}** · ${count}`, MESSAGE_CONTENT_LIMIT);
}

/** The "+N more" line: stories beyond the server's maximum are counted, never dropped in silence. */
const moreLine = (digest: Digest): string =>
  `+${digest.more} more not shown (this server's digest shows at most ${stories(digest.shown)})`;

/**
 * The digest as Discord messages, in posting order: the first carries the heading, then one embed per section
 * (a long section continues in a further embed), packed at most 10 embeds and 6,000 characters per message.
 * A "+N more" footer closes a digest cut to the server's maximum. An empty digest is one short note.
 * Article text is escaped and no message mentions anyone.
 */
export function renderDigestMessages(digest: Digest): ReplyMessage[] {
  return replyMessages(renderDigest(digest));
}

/** The digest as a `Reply` (the first message answers, the rest follow up); `/digest preview` shows it privately. */
export function renderDigest(digest: Digest, options: { ephemeral?: boolean } = {}): Reply {
  if (digest.shown === 0) {
    return replyWith([{ content: `**Daily digest · ${dayLabel(digest)}** · ${emptyText(digest)}` }], options);
  }
  const embeds = digest.sections.flatMap((section) => sectionEmbeds(section, digest.timezone));
  const last = embeds.at(-1);
  if (digest.more > 0 && last !== undefined) last.footer = { text: clip(moreLine(digest), EMBED_FOOTER_LIMIT) };
  const messages = packEmbeds(embeds).map((group, index) => ({
    ...(index === 0 ? { content: heading(digest) } : {}),
    embeds: group,
  }));
  return replyWith(messages, options);
}

/** The digest as plain text for a terminal (`newsbrief digest --dry-run`): no markdown, URLs in full. */
export function renderDigestText(digest: Digest): string {
  const lines = [`Daily digest · ${dayLabel(digest)} (${digest.timezone})`, `Stories published ${windowText(digest)}`];
  if (digest.shown === 0) return [...lines, '', emptyText(digest)].join('\n');
  for (const section of digest.sections) {
    lines.push('', `== ${section.name ?? OTHER_SECTION} ==`);
    for (const story of section.stories) {
      const meta = storyMeta(story, digest.timezone).join(' · ');
      lines.push('', `* ${story.title}${meta !== '' ? ` (${meta})` : ''}`);
      if (story.url !== null) lines.push(`  ${story.url}`);
      if (story.summary !== null) lines.push(`  ${story.summary}`);
      if (story.quote !== null) lines.push(`  “${story.quote.text}” — ${story.quote.speaker ?? 'speaker unclear'}`);
    }
  }
  if (digest.more > 0) lines.push('', moreLine(digest));
  return lines.join('\n');
}
