// The file names of canvas layout sidecars (layout.ts reads their contents). Apart from the
// parser so that code which only lists or reads model files (io/read-model.ts) loads no YAML.

export const LAYOUT_SUFFIX = '.layout.yaml';

export function isLayoutFile(path: string): boolean {
  return path.endsWith(LAYOUT_SUFFIX);
}

/** `model/lending.layout.yaml` -> `model/lending.yaml`. */
export function domainFileOfLayout(path: string): string {
  return `${path.slice(0, -LAYOUT_SUFFIX.length)}.yaml`;
}

/** `model/lending.yaml` -> `model/lending.layout.yaml`. */
export function layoutFileOf(domainPath: string): string {
  return `${domainPath.replace(/\.ya?ml$/, '')}${LAYOUT_SUFFIX}`;
}


/** The layout key of the context's frame (never an element name: names are identifiers). */
export const FRAME_KEY = '@frame';
