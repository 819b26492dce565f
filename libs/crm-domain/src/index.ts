export * from './enums';
export * from './matching';
export * from './phone';
export * from './calendar-invite';
export * from './calls';
export * from './recordings';
