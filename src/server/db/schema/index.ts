export * from './organization.ts';
export * from './auth.ts';
export * from './collaboration.ts';
export * from './records.ts';
export * from './data-migrations.ts';
