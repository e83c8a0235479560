import { UserError } from '../errors';

/** A problem with a project file the user can act on; the message names the file. */
export class ProjectFileError extends UserError {
  constructor(message: string) {
    super(message, 'project_file');
    this.name = 'ProjectFileError';
  }
}
