/** Queries over the lessons collection that more than one page needs. */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { url } from './articles.ts';
import { stepSearch } from './lessonSteps.ts';

export type Lesson = CollectionEntry<'lessons'>;
export type LessonStep = Lesson['data']['steps'][number];

/** Lessons in the reading order of the chapters they follow. */
export async function getLessons() {
  const lessons = await getCollection('lessons');
  const withChapters = await Promise.all(
    lessons.map(async (lesson) => {
      const chapter = await getEntry(lesson.data.chapter);
      if (!chapter) throw new Error(`lessons/${lesson.id}: no chapter "${lesson.data.chapter.id}"`);
      return { lesson, chapter };
    }),
  );
  return withChapters
    .filter(({ chapter }) => import.meta.env.DEV || !chapter.data.draft)
    .sort((a, b) => a.chapter.data.chapter - b.chapter.data.chapter);
}

/** The address of a step, carrying the figure state the step sets up. */
export function stepUrl(lesson: Lesson, step: LessonStep): string {
  return `${url(`lessons/${lesson.id}/${step.id}/`)}${stepSearch(step.figure, step.state, step.hide)}`;
}

/** The lesson that follows a chapter, if there is one. */
export async function lessonFor(chapterId: string): Promise<Lesson | undefined> {
  return (await getCollection('lessons')).find((l) => l.data.chapter.id === chapterId);
}
