// The smei version, printed by --version and in report method sections.
export const VERSION = '0.1.0';
