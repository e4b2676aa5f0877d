/**
 * Content collections: prose and data live in the top-level `content/` folder and are
 * validated here, so a malformed file fails the build naming the file and the field.
 */
import { defineCollection, reference, z } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { FAMILIES } from './data/families.ts';
import { FIGURE_IDS, hideableControls } from './figures/registry.ts';

const year = z.number().int().min(1900).max(2100);

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/articles' }),
  schema: z
    .object({
      /** Page title and the chapter card's heading. */
      title: z.string().min(3).max(90),
      /** One or two sentences for search engines and link previews (meta description). */
      description: z.string().min(50).max(180),
      /** Position in the story: 1 is read first; previous/next links follow this order. */
      chapter: z.number().int().min(1),
      /** The years the chapter covers, e.g. { from: 2013, to: 2016 }. */
      era: z.object({ from: year, to: year }).refine((e) => e.from <= e.to, {
        message: 'era.from must not be after era.to',
      }),
      /** A short teaser shown on the chapter card on the home page. */
      summary: z.string().min(20).max(240),
      /** The model family the chapter is about; it picks the chapter's accent colour. */
      family: z.enum(FAMILIES),
      /** Id of the figure the chapter is built around, named on its home-page card (a registered figure). */
      hero: z.enum(FIGURE_IDS),
      /** Bibliography keys (from content/references.yaml) this chapter may cite with [@key]. */
      references: z.array(reference('references')).default([]),
      /** Drafts are built in development only and never listed or published. */
      draft: z.boolean().default(false),
    })
    .strict(),
});

const timeline = defineCollection({
  loader: file('./content/timeline.yaml'),
  schema: z
    .object({
      /** Kebab-case key, used in links (`?timeline.sel=<id>`). */
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Year the work appeared (first preprint). */
      year: z.number().int().min(2010).max(2030),
      /** Month of the first preprint, 1–12; orders milestones within a year. */
      month: z.number().int().min(1).max(12),
      /** Short name readers know the work by, e.g. "DCGAN". */
      name: z.string().min(2).max(40),
      /** Model family; decides the colour everywhere on the site. */
      family: z.enum(FAMILIES),
      /** Authors as cited, e.g. "Kingma & Welling" or "Ho, Jain & Abbeel". */
      authors: z.string().min(3),
      /** The paper's full title. */
      title: z.string().min(5),
      /** Where to read the paper (https). */
      link: z.string().url().startsWith('https://'),
      /** One sentence, in our own words, on what the work contributed. */
      contribution: z.string().min(30).max(260),
    })
    .strict(),
});

const references = defineCollection({
  loader: file('./content/references.yaml'),
  schema: z
    .object({
      /** Kebab-case key that articles cite with [@key]. */
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Authors as they should appear in the reference list. */
      authors: z.string().min(3),
      /** Year of the cited version. */
      year: year,
      /** Full title of the work. */
      title: z.string().min(5),
      /** Where it appeared: conference, journal or "arXiv preprint". */
      venue: z.string().min(2),
      /** Link to the paper (https). */
      url: z.string().url().startsWith('https://'),
    })
    .strict(),
});

/** One step of a lesson: predict, then try the figure, then read why. */
const lessonStep = z
  .object({
    /** Kebab-case, unique in the lesson: the step's address (`/lessons/<chapter>/<id>/`). */
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The step's heading, e.g. "Widen the cloud". */
    title: z.string().min(3).max(80),
    /** The registered figure the step runs. */
    figure: z.enum(FIGURE_IDS),
    /** The figure's state for this step, as its URL parameters without the figure prefix
     *  (`{ t: 0 }` becomes `?<figure>.t=0`). The figure clamps or ignores bad values. */
    state: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.union([z.string(), z.number()]))
      .default({}),
    /** Controls to hide so the class sees only what the step needs (a teacher link's
     *  `?<figure>-hide=…`); names from the figure's `controls` in registry.ts. */
    hide: z.array(z.string()).default([]),
    /** The question answered before running the figure. */
    predict: z
      .object({
        question: z.string().min(10).max(240),
        /** Two to five possible answers, shown as a radio group. */
        choices: z.array(z.string().min(1).max(160)).min(2).max(5),
        /** Index (from 0) of the right choice. */
        answer: z.number().int().min(0),
      })
      .strict()
      .refine((p) => p.answer < p.choices.length, {
        message: 'predict.answer must be the index of one of the choices',
        path: ['answer'],
      }),
    /** What to do with the figure, in one or two sentences. */
    try: z.string().min(10).max(400),
    /** Why the figure does what it does; revealed once the reader runs the figure. */
    explain: z.string().min(30).max(900),
  })
  .strict()
  .superRefine((step, ctx) => {
    const known = Object.keys(hideableControls(step.figure));
    step.hide.forEach((name, i) => {
      if (!known.includes(name)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['hide', i],
          message: `"${name}" is not a control of ${step.figure}; valid: ${known.join(', ')}`,
        });
      }
    });
  });

const lessons = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/lessons' }),
  schema: z
    .object({
      /** The lesson's title on the lesson index. */
      title: z.string().min(3).max(90),
      /** The chapter the lesson follows (an article id); the lesson links back to it. */
      chapter: reference('articles'),
      /** One or two sentences on what the lesson covers, shown before step 1. */
      intro: z.string().min(30).max(400),
      /** The steps in order. */
      steps: z
        .array(lessonStep)
        .min(2)
        .max(8)
        .refine((steps) => new Set(steps.map((s) => s.id)).size === steps.length, {
          message: 'step ids must be unique within a lesson',
        }),
    })
    .strict(),
});

export const collections = { articles, timeline, references, lessons };
