// What the assignment procedures return: chosen fields, never rows.
import type { Assignment, AssignmentGrade, AssignmentSubmission, MediaFile } from '@mdsc/db';
import type {
  AssignmentFileType,
  AssignmentLatePolicy,
  AssignmentSubmissionStatus,
  AssignmentSubmissionType,
} from '@mdsc/validators';
import { toIso } from '../catalog/access';

export interface AssignmentSettingsDto {
  lessonId: number;
  instructionsHtml: string;
  dueAt: string | null;
  latePolicy: AssignmentLatePolicy;
  points: number;
  passMark: number;
  submissionType: AssignmentSubmissionType;
  allowedFileTypes: AssignmentFileType[];
  maxFileSizeMb: number;
}

export interface SubmissionFileDto {
  id: number;
  originalFilename: string;
  fileType: string;
  fileSize: number;
  url: string;
}

export interface GradeDto {
  outcome: 'graded' | 'returned';
  score: number | null;
  feedback: string | null;
  gradedAt: string;
  graderName: string | null;
}

export interface SubmissionDto {
  id: number;
  lessonId: number;
  userId: number;
  attempt: number;
  text: string | null;
  file: SubmissionFileDto | null;
  submittedAt: string;
  isLate: boolean;
  status: AssignmentSubmissionStatus;
  grade: GradeDto | null;
}

export const fileTypesOf = (a: Pick<Assignment, 'allowedFileTypes'>): AssignmentFileType[] =>
  a.allowedFileTypes ? (a.allowedFileTypes.split(',').filter(Boolean) as AssignmentFileType[]) : [];

export function toSettingsDto(a: Assignment): AssignmentSettingsDto {
  return {
    lessonId: a.lessonId,
    instructionsHtml: a.instructionsHtml,
    dueAt: toIso(a.dueAt),
    latePolicy: a.latePolicy,
    points: a.points,
    passMark: a.passMark,
    submissionType: a.submissionType,
    allowedFileTypes: fileTypesOf(a),
    maxFileSizeMb: a.maxFileSizeMb,
  };
}

export function toFileDto(m: MediaFile | null | undefined): SubmissionFileDto | null {
  if (!m) return null;
  return {
    id: m.id,
    originalFilename: m.originalFilename,
    fileType: m.fileType,
    fileSize: Number(m.fileSize),
    url: `/api/media/${m.id}`,
  };
}

export function toGradeDto(g: AssignmentGrade | null | undefined): GradeDto | null {
  if (!g) return null;
  const grader = g.grader;
  return {
    outcome: g.outcome,
    score: g.score,
    feedback: g.feedback,
    gradedAt: toIso(g.gradedAt)!,
    graderName: grader ? `${grader.firstName} ${grader.lastName}` : null,
  };
}

export function toSubmissionDto(s: AssignmentSubmission, lessonId: number): SubmissionDto {
  return {
    id: s.id,
    lessonId,
    userId: s.userId,
    attempt: s.attempt,
    text: s.textContent,
    file: toFileDto(s.mediaFile),
    submittedAt: toIso(s.submittedAt)!,
    isLate: !!s.isLate,
    status: s.status,
    grade: toGradeDto(s.grade),
  };
}
