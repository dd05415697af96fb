/** What both managers print: plan formats and text from a cloud made safe for a terminal. */
export const PLAN_FORMATS = ["table", "json", "yaml"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Text from the cloud as it may land on a terminal: quoted, control characters escaped, when not plain. */
export function safe(text: string): string {
  return /^[\x21-\x7e]+$/.test(text) ? text : JSON.stringify(text);
}
