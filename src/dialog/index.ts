/** Structured-questioning dialogs: pure functions over definitions (code) and state (data). */
export { defineDialog, DialogDefinition, DialogState, type SlotDef, type ChoiceDef, type LocalText } from './schema';
export { startDialog, continueDialog, type DialogTurn, type DialogQuestion, type DialogOutcome, type StartInput, type ContinueInput } from './runner';
export { continueDialogFromForm, buildEmailForm, parseEmailFormReply, stripQuotedReply, type FormReply } from './email-form';
export { parseCommand, type DialogCommand } from './commands';
export { renderQuestion } from './render';
export { selectDialog, GENERAL_INCIDENT_ID, SERVICE_REQUEST_ID } from './select';
export { validateDialogs, loadDialogDir, createDialogRegistry, type DialogEntry, type DialogRegistry } from './registry';
export { buildResult, type DialogResult } from './result';
export { migrateState } from './progress';
export * from './extract';
