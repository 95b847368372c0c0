// Assignments: settings, submissions (files through the media pipeline), grading, ZIP export.
export * from './dto';
export * from './settings.service';
export * from './submission.service';
export * from './grading.service';
export { loadAssignmentLesson } from './access';
export { seedDemoAssignment } from './demo';
