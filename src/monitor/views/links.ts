/** The monitor's stable URLs, all under the base URL (SCM_BASE_URL; ends with `/`). */
export class Links {
  constructor(readonly base: string) {}
  scope(uuid: string): string {
    return `${this.base}page/scope/${uuid}`;
  }
  detail(full: boolean, subject: string, scope: string): string {
    return `${this.base}page/${full ? "detail_full" : "detail"}/${subject}/${scope}`;
  }
  report(uuid: string, anchor?: string): string {
    return `${this.base}page/report/${uuid}${anchor === undefined ? "" : `#${anchor}`}`;
  }
  reportFull(uuid: string, anchor?: string): string {
    return `${this.base}page/report_full/${uuid}${anchor === undefined ? "" : `#${anchor}`}`;
  }
  download(uuid: string): string {
    return `${this.base}reports/${uuid}`;
  }
  history(subject: string, scope: string): string {
    return `${this.base}page/history/${subject}/${scope}`;
  }
  missing(subject: string, scope: string): string {
    return `${this.base}page/missing/${subject}/${scope}`;
  }
  badge(subject: string, scope: string): string {
    return `${this.base}badges/${subject}/${scope}.svg`;
  }
  table(full = false): string {
    return `${this.base}page/${full ? "table_full" : "table"}`;
  }
}
