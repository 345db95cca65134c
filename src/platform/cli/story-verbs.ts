import type { Command } from 'commander';
import { LocalDate, type Story } from '../../data/schemas.js';
import { UsageError } from '../../errors.js';
import { addDays, localDateOf, startOfLocalDay } from '../../services/local-time.js';
import { EXIT_OK, type CliApp, type RegisterVerbs } from './cli-app.js';
import { parseLimit } from './search-verbs.js';

type StoriesFlags = { date?: string; limit: string; json?: boolean };

/** One story as a person reads it: id, article count, when it was last seen, headline and outlets. */
export function storyLine(story: Story): string {
  const articles = `${story.articleCount} article${story.articleCount === 1 ? '' : 's'}`;
  const outlets = story.outlets.length > 0 ? `  (${story.outlets.join(', ')})` : '';
  return `${story.id}  ${articles.padEnd(11)}  ${story.lastSeenAt.slice(0, 16).replace('T', ' ')}  ${story.headline}${outlets}`;
}

async function runStories(app: CliApp, flags: StoriesFlags): Promise<void> {
  const timeZone = app.config.timezone;
  const day = flags.date ?? localDateOf(new Date(), timeZone);
  if (!LocalDate.safeParse(day).success) throw new UsageError(`--date "${flags.date ?? ''}" is not a day: use YYYY-MM-DD.`);
  const range = {
    from: startOfLocalDay(day, timeZone).toISOString(),
    to: startOfLocalDay(addDays(day, 1), timeZone).toISOString(),
    limit: parseLimit(flags.limit, 50, 500),
  };
  const stories = await app.withStore((store) => store.stories.list(range));
  if (flags.json) {
    for (const story of stories) app.print(JSON.stringify(story));
  } else if (stories.length === 0) {
    app.print(`No stories seen on ${day} (${timeZone}).`);
  } else {
    for (const story of stories) app.print(storyLine(story));
  }
  process.exitCode = EXIT_OK;
}

/** `newsbrief stories`: the stories seen on a day. */
export const registerStoryVerbs: RegisterVerbs = (program: Command, app) => {
  program
    .command('stories')
    .description('List the stories seen on a day (newsroom timezone), last seen first, with their articles and outlets')
    .option('--date <YYYY-MM-DD>', 'the day (default: today in NEWSROOM_TIMEZONE)')
    .option('--limit <n>', 'at most this many stories (1-500)', '50')
    .option('--json', 'one JSON object per story per line (id, headline, firstSeenAt, lastSeenAt, articleCount, outlets)')
    .action(async (flags: StoriesFlags) => {
      await runStories(app(), flags);
    });
};
