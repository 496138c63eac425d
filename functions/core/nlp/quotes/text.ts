/**
 * Text layout for the quote steps: paragraphs and word units come from the shared document
 * (../document.ts, ../words.ts); sentences are the document's.
 */
export { type Paragraph, splitParagraphs, type Tok } from '../words.ts';
