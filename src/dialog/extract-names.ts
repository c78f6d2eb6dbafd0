/** Device and application names are read by src/understand; re-exported for existing callers. */
export { extractDevice, extractApplication } from '../understand/entities/names';
