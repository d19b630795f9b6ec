/** A Flexible Classroom user's role in a room. */
export enum ClassroomRole {
  Teacher = 'teacher',
  Student = 'student',
  Assistant = 'assistant',
}

/** The numbers Agora's EducationTokenBuilder and the Classroom SDKs' `roleType` give the roles. */
export const CLASSROOM_ROLE_NUMBERS = {
  [ClassroomRole.Teacher]: 1,
  [ClassroomRole.Student]: 2,
  [ClassroomRole.Assistant]: 3,
} as const satisfies Record<ClassroomRole, 1 | 2 | 3>;
