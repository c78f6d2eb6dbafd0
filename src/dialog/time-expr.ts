/** Time expressions are read by src/understand; re-exported here for the dialog code that formats them. */
export { findSince, findDate, hasTimeExpression, sincePhrase } from '../understand/entities/time-expr';
