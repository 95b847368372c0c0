import {
  createCourse,
  deleteCourse,
  getCourseBySlug,
  getCourseForEdit,
  listCourses,
  listCoursesPerCategory,
  listFeaturedCourses,
  listMyCourses,
  publishCourse,
  setCourseFeatured,
  suggestSearch,
  unpublishCourse,
  updateCourse,
} from '@mdsc/core';
import {
  courseCreateInput,
  courseFeatureInput,
  courseByIdInput,
  courseListInput,
  courseSearchSuggestionInput,
  coursesPerCategoryInput,
  courseSlugInput,
  courseUpdateInput,
  featuredCoursesInput,
} from '@mdsc/validators';
import { adminProcedure, instructorProcedure, localeOf, publicProcedure, router } from '../trpc';

export const courseRouter = router({
  /** The public catalog: search, filters, sorts, cursor pages. */
  list: publicProcedure.input(courseListInput).query(({ ctx, input }) => listCourses(ctx.deps, input, localeOf(ctx))),
  /** "Vouliez-vous dire…": the search with its unknown words replaced by the closest indexed ones, or null. */
  searchSuggestion: publicProcedure
    .input(courseSearchSuggestionInput)
    .query(({ ctx, input }) => suggestSearch(ctx.deps, input.q)),
  bySlug: publicProcedure
    .input(courseSlugInput)
    .query(({ ctx, input }) => getCourseBySlug(ctx.deps, ctx.actor, input.slug, localeOf(ctx))),
  featured: publicProcedure
    .input(featuredCoursesInput)
    .query(({ ctx, input }) => listFeaturedCourses(ctx.deps, input, localeOf(ctx))),
  perCategory: publicProcedure
    .input(coursesPerCategoryInput)
    .query(({ ctx, input }) => listCoursesPerCategory(ctx.deps, input, localeOf(ctx))),

  /** The instructor's own courses, drafts included. */
  mine: instructorProcedure.query(({ ctx }) => listMyCourses(ctx.deps, ctx.actor)),
  /** The course builder's view: every field, every lesson with content, what publication lacks. */
  editor: instructorProcedure
    .input(courseByIdInput)
    .query(({ ctx, input }) => getCourseForEdit(ctx.deps, ctx.actor, input.id)),
  create: instructorProcedure
    .input(courseCreateInput)
    .mutation(({ ctx, input }) => createCourse(ctx.deps, ctx.actor, input)),
  update: instructorProcedure
    .input(courseUpdateInput)
    .mutation(({ ctx, input }) => updateCourse(ctx.deps, ctx.actor, input)),
  delete: instructorProcedure
    .input(courseByIdInput)
    .mutation(({ ctx, input }) => deleteCourse(ctx.deps, ctx.actor, input.id)),
  publish: instructorProcedure
    .input(courseByIdInput)
    .mutation(({ ctx, input }) => publishCourse(ctx.deps, ctx.actor, input.id)),
  unpublish: instructorProcedure
    .input(courseByIdInput)
    .mutation(({ ctx, input }) => unpublishCourse(ctx.deps, ctx.actor, input.id)),
  setFeatured: adminProcedure
    .input(courseFeatureInput)
    .mutation(({ ctx, input }) => setCourseFeatured(ctx.deps, ctx.actor, input)),
});
