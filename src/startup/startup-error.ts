/** A start-up failure whose message already says what happened and what to do. */
export class StartupError extends Error {}
