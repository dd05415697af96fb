/**
 * The `args`/`env` templates of scripts use Python `str.format` rules: `{name}` is replaced,
 * `{{` and `}}` are literal braces. Only plain names are supported (no index, attribute or spec).
 */
export type Formatted =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string };

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g;

export function formatTemplate(template: string, values: ReadonlyMap<string, string>): Formatted {
  let failure: string | undefined;
  const text = template.replace(TOKEN, (token, name: string | undefined) => {
    if (token === "{{") return "{";
    if (token === "}}") return "}";
    if (name === undefined) {
      failure ??= `single '${token}' encountered in template '${template}'`;
      return "";
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      failure ??= `unsupported placeholder {${name}} in template '${template}' (use {name})`;
      return "";
    }
    const value = values.get(name);
    if (value === undefined) failure ??= `no value for {${name}} in template '${template}'`;
    return value ?? "";
  });
  return failure === undefined ? { ok: true, text } : { ok: false, message: failure };
}
