export * from './access';
export * from './course-analytics.service';
export * from './quiz-analytics';
export * from './platform-analytics.service';
export * from './csv';
