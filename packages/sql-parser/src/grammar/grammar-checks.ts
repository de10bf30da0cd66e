/**
 * Whether chevrotain validates the grammar and the token set when the parser and lexer are built. The checks
 * find grammar mistakes (ambiguities, unreachable alternatives, left recursion) and cost ~150 ms of every CLI
 * start-up while proving nothing new for a grammar that has not changed, so they run under the tests (vitest
 * sets VITEST) and when asked for with VELO_VALIDATE_GRAMMAR=1, as chevrotain's docs advise for production.
 */
export const validateGrammar: boolean = process.env['VITEST'] !== undefined || process.env['VELO_VALIDATE_GRAMMAR'] === '1';
