// The learning path: enrolment, progress, completion, course reviews.
export * from './enrollment.service';
export * from './progress.service';
export * from './course-view.service';
export * from './review.service';
export { computeAccess, isLessonOpen, loadStructure, resumeLesson } from './structure';
export type { Access, CourseStructure, FinalQuizNode, LessonNode, ModuleNode } from './structure';
export { eventJobId, renderJobId } from './effects';
