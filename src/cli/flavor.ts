import { type Command, Option } from "commander";
import { UsageError } from "../errors.ts";
import {
  CLI_STRATEGIES,
  describe,
  formatV1,
  formatV2,
  isStrategy,
  parseFlavorName,
  STRATEGIES,
  type Strategy,
} from "../standards/flavor-name/index.ts";
import { PARSE_OUTPUTS, type ParseOutput, renderParse } from "../standards/flavor-name/render.ts";
import { registerGenerate } from "./flavor-generate.ts";
import { LineBuffer, readNames } from "./input.ts";

function strategyOf(value: string): Strategy {
  const s = value.toLowerCase();
  if (isStrategy(s)) return s;
  throw new UsageError(`unknown strategy '${value}'; use one of ${STRATEGIES.join(", ")}`);
}

function needNames(names: string[]): void {
  if (names.length === 0)
    throw new UsageError("no flavor names given; pass names as arguments or use --file PATH (- for stdin)");
}

/** Exit status for N erroneous names, like the reference (a shell truncates above 255). */
function errorStatus(n: number): number {
  return Math.min(n, 255);
}

export function registerFlavor(program: Command): void {
  const flavor = program
    .command("flavor")
    .description("parse, describe, convert and generate SCS flavor names (scs-0100)")
    .addHelpText(
      "after",
      `
Examples:
  scs flavor parse -o prose SCS-2V-4-20s SCS-8C-32-2x200p_kvm_z4
  scs flavor parse -o json --file names.txt > results.jsonl
  scs flavor describe SCS-16V-64-500s_GNa-108h-80h
  scs flavor convert --to v1 SCS-2V-4-20s
  scs flavor generate --cpus 4 --cpu-type V --ram 16 --disk 100 --disk-type s`,
    );

  flavor
    .command("parse")
    .description(
      "validate flavor names; prints one line per invalid or non-SCS name (and more with -o);\n" +
        "exit status = number of invalid names (at most 255)",
    )
    .argument(
      "[names...]",
      "flavor names; a first argument v1, v1/v2, v2/v1, v2, v3 or latest is taken as the strategy",
    )
    .option(
      "-s, --strategy <strategy>",
      `which syntax is valid: ${CLI_STRATEGIES.join(", ")}, or syntax-check (v3, v2 and v1 tolerated, as the certificate testcase) or vN (v2 or v1)`,
      "v3",
    )
    .addOption(
      new Option("-o, --output <format>", "what to print for valid names")
        .choices(PARSE_OUTPUTS)
        .default("none"),
    )
    .option("-f, --file <path>", "read names from a file, one per line (- for standard input)")
    .option("-v, --verbose", "also print valid names (OK: NAME) and prefix prose with the name")
    .addHelpText(
      "after",
      `
Output per name (stdout):
  invalid      <error message>: NAME        (counts toward the exit status)
  not SCS      NOT an SCS flavor: NAME
  valid        nothing (-o none), the prose (-o prose), the derived extra_specs as a
               YAML document (-o yaml), or one JSON object per line for every name (-o json):
               {"name","status":"valid"|"invalid"|"not-scs","error"?,"canonical"?,"short"?,
                "v1"?,"prose"?,"extraSpecs"?}
  Names valid only in a tolerated syntax print a WARNING on stderr.

Examples:
  scs flavor parse SCS-2V-4-20s SCS-2T-4_ic
  scs flavor parse v1/v2 -o prose SCS-2V:4:20s
  scs flavor parse -o yaml SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib
  openstack flavor list -f value -c Name | scs flavor parse -o json --file -`,
    )
    .action(
      (args: string[], opts: { strategy: string; output: ParseOutput; file?: string; verbose?: boolean }) => {
        let strategy = strategyOf(opts.strategy);
        let names = args;
        if (names.length > 0 && (CLI_STRATEGIES as readonly string[]).includes(names[0]!.toLowerCase())) {
          strategy = strategyOf(names[0]!);
          names = names.slice(1);
        }
        names = readNames(names, opts.file);
        needNames(names);
        const out = new LineBuffer(1);
        let invalid = 0;
        for (const name of names) {
          const lines = renderParse(
            name,
            parseFlavorName(name, strategy),
            opts.output,
            opts.verbose === true,
          );
          if (lines.stderr !== null) {
            out.flush();
            process.stderr.write(`${lines.stderr}\n`);
          }
          if (lines.stdout !== null) out.line(lines.stdout);
          if (lines.invalid) invalid++;
        }
        out.flush();
        process.exitCode = errorStatus(invalid);
      },
    );

  flavor
    .command("describe")
    .description("explain flavor names in prose (v2/v3 syntax, v1 accepted with a warning)")
    .argument("[names...]", "flavor names")
    .option("-f, --file <path>", "read names from a file, one per line (- for standard input)")
    .addHelpText(
      "after",
      `
Prints "NAME: <prose>" per name; "NAME: Not an SCS flavor" or "NAME: INVALID: <error>" otherwise.
Exit status = number of invalid names (at most 255).

Examples:
  scs flavor describe SCS-8Ti-32-50p_i1
  scs flavor describe SCS-2V:4:20s       # v1 name: prose plus a warning`,
    )
    .action((args: string[], opts: { file?: string }) => {
      const names = readNames(args, opts.file);
      needNames(names);
      const out = new LineBuffer(1);
      let invalid = 0;
      for (const name of names) {
        const r = parseFlavorName(name, "v2/v1");
        if (r.status === "valid") {
          if (r.tolerated) {
            out.flush();
            process.stderr.write(`WARNING: flavor name not v2: ${name}\n`);
          }
          out.line(`${name}: ${describe(r.flavor)}`);
        } else if (r.status === "not-scs") {
          out.line(`${name}: Not an SCS flavor`);
        } else {
          invalid++;
          out.line(`${name}: INVALID: ${r.error}`);
        }
      }
      out.flush();
      process.exitCode = errorStatus(invalid);
    });

  flavor
    .command("convert")
    .description("print the canonical name in v1 or v2 syntax (input in either syntax)")
    .argument("[names...]", "flavor names")
    .requiredOption("-t, --to <syntax>", "target syntax: v1 or v2")
    .option("-f, --file <path>", "read names from a file, one per line (- for standard input)")
    .addHelpText(
      "after",
      `
Prints the converted name per line; invalid or non-SCS names print an error line on stderr
and count toward the exit status.

Examples:
  scs flavor convert --to v1 SCS-2V-4-20s               # SCS-2V:4:20s
  scs flavor convert --to v2 SCS-16T:64:3x10s-GNa:64-ib # SCS-16T-64-3x10s_GNa-64_ib`,
    )
    .action((args: string[], opts: { to: string; file?: string }) => {
      const to = opts.to.toLowerCase();
      if (to !== "v1" && to !== "v2")
        throw new UsageError(`unknown syntax '${opts.to}' for --to; use v1 or v2`);
      const names = readNames(args, opts.file);
      needNames(names);
      const out = new LineBuffer(1);
      let bad = 0;
      for (const name of names) {
        const r = parseFlavorName(name, "vN");
        if (r.status === "valid") {
          out.line(to === "v1" ? formatV1(r.flavor) : formatV2(r.flavor));
          continue;
        }
        bad++;
        out.flush();
        process.stderr.write(
          r.status === "invalid" ? `${r.error}: ${name}\n` : `NOT an SCS flavor: ${name}\n`,
        );
      }
      out.flush();
      process.exitCode = errorStatus(bad);
    });

  registerGenerate(flavor);
}
