// The formats `errcode catalog import` reads; apart from the readers, so the CLI loads those only to import.
export const IMPORT_FORMATS = ["csv", "markdown", "enum"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
