/**
 * class-transformer hook for free text: surrounding white space is not
 * content, so it is removed before length rules run (a 10-character minimum
 * means 10 characters that say something).
 */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
