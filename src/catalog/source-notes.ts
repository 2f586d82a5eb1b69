// The catalogs' English says which vendor document says what ("the user guide (002) specifies…", "In the CMD module
// (000/001)"). Those are words about the documents, not the error: detection should not read them as the entry's
// meaning (`user` from "user guide" sits in 248 COS entries). Only citations of the entry's own documents are taken
// out, so a team catalog's "document" or "(403)" stays.
const CITATION = /(?:\b(?:the )?(?:user guide|[a-z-]+ (?:doc|document))\s*)?\((\d{3}(?:\/\d{3})*)\)/gi;

/** `text` without its citations of `documents` (the ids of the documents that define the entry). */
export function withoutSourceNotes(text: string, documents: ReadonlySet<string>): string {
  if (documents.size === 0) return text;
  return text.replace(CITATION, (citation: string, ids: string) => (ids.split("/").every((id) => documents.has(id)) ? " " : citation));
}
