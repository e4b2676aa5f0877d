/** Queries over the content collections that more than one page needs. */
import { getCollection, getEntries, type CollectionEntry } from 'astro:content';

export type Article = CollectionEntry<'articles'>;
export type Reference = CollectionEntry<'references'>;

/** Published chapters in reading order (drafts too while developing). */
export async function getChapters(): Promise<Article[]> {
  const all = await getCollection('articles', ({ data }) => import.meta.env.DEV || !data.draft);
  return all.sort((a, b) => a.data.chapter - b.data.chapter);
}

/** The chapter that first embeds each figure, found in the chapters' MDX (in reading order). */
export async function figureHomes(): Promise<Map<string, Article>> {
  const homes = new Map<string, Article>();
  for (const chapter of await getChapters()) {
    for (const [, id] of (chapter.body ?? '').matchAll(/<Figure\s[^>]*?id="([^"]+)"/g)) {
      if (id && !homes.has(id)) homes.set(id, chapter);
    }
  }
  return homes;
}

/** The chapters before and after `article` in reading order. */
export function neighbours(chapters: Article[], article: Article) {
  const i = chapters.findIndex((c) => c.id === article.id);
  return { previous: chapters[i - 1], next: chapters[i + 1] };
}

/**
 * The reference list of an article: cited works numbered in order of first citation, then
 * declared but uncited works as further reading.
 */
export async function referenceList(article: Article, citations: readonly string[]) {
  const declared = await getEntries(article.data.references);
  const byId = new Map(declared.map((r) => [r.id, r]));
  const cited = citations.flatMap((key) => byId.get(key) ?? []);
  const further = declared.filter((r) => !citations.includes(r.id));
  return { cited, further };
}

/** A path under the site's base, e.g. `url('vae/')` → `/blog/vae/`. */
export function url(path = ''): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}
