export const HEADLINE_REFERENCE: Record<string, string> = {};
