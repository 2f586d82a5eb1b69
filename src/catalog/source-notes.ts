// The catalogs' English says which vendor document says what ("the user guide (002) specifies…", "In the CMD module
// (000/001)"). Those are words about the documents, not the error: neither search nor detection should match them
// (`user` from "user guide" sits in 248 COS entries).
const SOURCE_NOTE = /\b(?:the )?user guide\b|\bdoc(?:ument)?s?\b|\(\d{3}(?:\/\d{3})*\)/gi;

/** `text` without its notes on the vendor documents. */
export function withoutSourceNotes(text: string): string {
  return text.replace(SOURCE_NOTE, " ");
}
