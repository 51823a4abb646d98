/**
 * The API's wire contract: what each response is, as zod schemas — the server checks what it sends
 * against them (at compile time), the OpenAPI document is generated from them, and the tab parses
 * what it receives with them. Only zod here: the front end imports this module.
 */
export * from './coverage';
export * from './map';
export * from './me';
export * from './person';
export * from './review';
export * from './settings';
export * from './stakeholders';
export * from './sync';
export * from './vocabulary';
export * from './suggestions';
export * from './pane';
