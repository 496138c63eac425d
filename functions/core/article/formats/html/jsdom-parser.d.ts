/** The minimal DOM parser that ships with Readability.js (it has no type declarations of its own). */
declare module '@mozilla/readability/JSDOMParser.js' {
  export default class JSDOMParser {
    parse(html: string, url?: string): unknown;
  }
}
