/**
 * A problem caused by the user's input (a file, a parameter, a project state).
 * Its message is shown as is: it names the thing and the reason.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = 'bad_input',
  ) {
    super(message);
    this.name = 'UserError';
  }
}
