/**
 * The domain actions, for the front doors (CLI, signed mail, web console, pipeline):
 * each takes an ActionContext naming who acts, runs in the caller's transaction, and
 * records its change as typed events. Nothing else writes the case tables.
 */
export { loadCase, type ActionContext } from './context.js';
export { dismissAttention } from './attention.js';
export { mergeInto } from './merge.js';
export { recordMailFailed, recordMailSent, retryOutbox } from './outbox.js';
export { replyToReporter } from './reporter-mail.js';
export { pinReporterKey } from './reporter-keys.js';
export { runCaseCommand, type CommandEnv } from './run-command.js';
export { changeState, resumeAfterAnswer, type StateRequest } from './state.js';
export { acknowledge, addNote, assign, setCve, setEmbargo, setFlag, setSeverity } from './workflow.js';
export { recordCaseView, searchCases } from './views.js';
