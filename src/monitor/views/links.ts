import { urlSegment } from "./escape.ts";

const anchorOf = (anchor?: string) => (anchor === undefined ? "" : `#${urlSegment(anchor)}`);

/**
 * The monitor's stable URLs, all under the base URL (SCM_BASE_URL; ends with `/`). Every method
 * takes raw values (a subject, a report uuid, a testcase id) and encodes each as one path segment.
 */
export class Links {
  constructor(readonly base: string) {}
  scope(uuid: string): string {
    return `${this.base}page/scope/${urlSegment(uuid)}`;
  }
  detail(full: boolean, subject: string, scope: string): string {
    return `${this.base}page/${full ? "detail_full" : "detail"}/${urlSegment(subject)}/${urlSegment(scope)}`;
  }
  report(uuid: string, anchor?: string): string {
    return `${this.base}page/report/${urlSegment(uuid)}${anchorOf(anchor)}`;
  }
  reportFull(uuid: string, anchor?: string): string {
    return `${this.base}page/report_full/${urlSegment(uuid)}${anchorOf(anchor)}`;
  }
  download(uuid: string): string {
    return `${this.base}reports/${urlSegment(uuid)}`;
  }
  history(subject: string, scope: string): string {
    return `${this.base}page/history/${urlSegment(subject)}/${urlSegment(scope)}`;
  }
  missing(subject: string, scope: string): string {
    return `${this.base}page/missing/${urlSegment(subject)}/${urlSegment(scope)}`;
  }
  badge(subject: string, scope: string): string {
    return `${this.base}badges/${urlSegment(subject)}/${urlSegment(scope)}.svg`;
  }
  table(full = false): string {
    return `${this.base}page/${full ? "table_full" : "table"}`;
  }
}
