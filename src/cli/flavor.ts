import type { Command } from "commander";

export function registerFlavor(program: Command): void {
  program.command("flavor").description("parse, describe, convert and generate SCS flavor names (scs-0100)");
}
