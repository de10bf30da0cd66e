import { VeloError } from '@velots/core';

/** Runs `fn` and returns the VeloError it throws, failing the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): VeloError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VeloError) return error;
    throw error;
  }
  throw new Error('expected a VeloError');
}
