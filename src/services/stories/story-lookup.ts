import type { Story } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { findArticle } from '../article-lookup.js';
import { buildStoryBrief, type StoryBrief } from './story-brief.js';

/** Articles a story brief reads; `buildStoryBrief` analyses only the freshest few of them in full. */
export const STORY_BRIEF_ARTICLES = 50;

/** The story a person means: a story id (merged ids lead to their story), else the story of the article `query` finds. */
export async function findStory(store: Store, query: string): Promise<Story | undefined> {
  const trimmed = query.trim();
  if (trimmed === '') return undefined;
  const byId = await store.stories.get(trimmed);
  if (byId !== undefined) return byId;
  const article = await findArticle(store.articles, trimmed);
  return article === undefined ? undefined : store.stories.ofArticle(article.id);
}

/** The brief of a story from its newest articles (each dated by its publication, else by when it was stored). */
export async function storyBriefOf(
  store: Store,
  story: Story,
  options: { bullets?: number | undefined },
): Promise<{ story: Story; brief: StoryBrief }> {
  const articles = await store.stories.articles(story.id, STORY_BRIEF_ARTICLES);
  const brief = buildStoryBrief(
    articles.map((article) => ({
      id: article.id,
      title: article.title,
      text: article.text,
      url: article.url ?? '',
      outlet: article.outlet,
      publishedAt: new Date(article.publishedAt ?? article.ingestedAt),
    })),
    options.bullets === undefined ? {} : { bullets: options.bullets },
  );
  return { story, brief };
}
