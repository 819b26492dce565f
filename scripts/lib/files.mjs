// Small file-system checks shared by the scripts.
import { accessSync, constants } from 'node:fs';

/** Whether `file` exists and this process may run it. */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
