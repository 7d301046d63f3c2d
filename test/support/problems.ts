/** The problems of the AppError that fn throws; any other outcome fails the test. */
import { AppError, type Problem } from '../../src/core/errors';

export function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.problems;
    throw error;
  }
  throw new Error('expected an AppError');
}
