export { MIXED_COLUMNS, MIXED_SELECT, countsByCode, mixedInput, seededRandom, type InjectedBadRecord, type MixedInput } from './malformed-mix.js';
