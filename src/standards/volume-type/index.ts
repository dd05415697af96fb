export { type Aspect, aspectListErrors, KNOWN_ASPECTS, parseAspectList } from "./aspects.ts";
