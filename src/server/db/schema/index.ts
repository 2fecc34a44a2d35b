export * from './organization.ts';
export * from './auth.ts';
export * from './collaboration.ts';
export * from './records.ts';
