import type { Context } from "hono";
import { markdownToHtml } from "../../views/markdown-html.ts";
import { page } from "../../views/page.ts";
import type { MonitorEnv } from "../env.ts";
import { validationError } from "../http-error.ts";

export type ViewType = "markdown" | "fragment" | "page";
const VIEW_TYPES: ViewType[] = ["markdown", "fragment", "page"];

/** The `{view}` path parameter; 422 like FastAPI for anything else. */
export function viewType(value: string): ViewType {
  if ((VIEW_TYPES as string[]).includes(value)) return value as ViewType;
  throw validationError(
    "path",
    "view_type",
    "value is not a valid enumeration member; permitted: 'markdown', 'page', 'fragment'",
  );
}

/** Answers with the Markdown, its HTML fragment, or the full page (with optional extra HTML). */
export function renderView(
  c: Context<MonitorEnv>,
  view: ViewType,
  title: string | undefined,
  markdown: string,
  extra: { before?: string; after?: string } = {},
): Response {
  if (view === "markdown") return c.body(markdown, 200, { "content-type": "text/markdown; charset=utf-8" });
  const fragment = markdownToHtml(markdown);
  if (view === "fragment") return c.html(fragment);
  return c.html(page(title, (extra.before ?? "") + fragment + (extra.after ?? ""), c.var.monitor.links));
}
