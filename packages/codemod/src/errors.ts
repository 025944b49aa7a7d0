/** A mistake in how the command was called (unknown batch, dirty files…): exit code 2, message only. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
