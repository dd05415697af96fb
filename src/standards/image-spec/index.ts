export {
  BUILTIN_IMAGE_SPECS,
  hasSpecSource,
  type ImageSpec,
  type ImageSpecKey,
  matchingNames,
} from "./builtin-specs.ts";
export { parseDate, parseMarkerDate, parseStrictDate } from "./dates.ts";
export { type ImageMetadata, imagesByName, property } from "./image.ts";
export {
  type Finding,
  isImageSource,
  isUuidValidity,
  PROPERTY_RULES,
  type PropertyRule,
  UndecidableImage,
} from "./properties.ts";
export {
  classifyRecency,
  type Recency,
  type RecencyFinding,
  recencyFindings,
  replacementName,
} from "./recency.ts";
export {
  type ImageSpecEntry,
  type ImageStatus,
  imageSpecFindings,
  parseImageSpecFile,
  type SpecFinding,
  type SpecIssue,
  type SpecParse,
  specPathFromUrl,
} from "./spec-file.ts";
