// The catalog domain: categories, courses, curriculum, catalog queries, media.
export * from './category.service';
export * from './course.service';
export * from './course-detail.service';
export * from './course-list.service';
export * from './curriculum.service';
export * from './media.service';
export * from './media-processing.service';
export * from './media-renditions.service';
export { indexMissingCourses, reindexCourse, searchIndexRows, suggestSearch } from './search-index';
export { buildCourseListQuery, decodeCursor, encodeCursor, type CourseCursor } from './course-list.sql';
export type { CourseDto } from './course-dto';
export { PUBLICATION_PROBLEM_CODES } from './course-rules';
export type { PublicationProblem, PublicationProblemCode } from './course-rules';
export type { LessonOutlineDto, ModuleDto, MediaRefDto, LessonContentDto } from './curriculum-dto';
export { MEDIA_ALLOW_LIST } from './media-rules';
export { slugify } from './slug';
export { htmlToPlainText, plainTextToHtml, sanitizeLessonHtml } from './rich-text';
