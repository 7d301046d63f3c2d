/** The AppError that fn throws, or its problems; any other outcome fails the test. */
import { AppError, type Problem } from '../../src/core/errors';

export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

export function problemsOf(fn: () => unknown): Problem[] {
  return errorOf(fn).problems;
}
