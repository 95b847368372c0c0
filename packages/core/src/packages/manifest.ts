// What a package says about itself: imsmanifest.xml for SCORM (version, organizations, resources,
// the launch file of the first SCO, its mastery score), h5p.json for H5P (title, main library).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PackageRejectedError, type ExtractedFile } from './safe-zip';

export type PackageKindName = 'scorm12' | 'scorm2004' | 'h5p';

export interface ScormItem {
  identifier: string;
  title: string;
  href: string | null;
}

export interface ParsedPackage {
  kind: PackageKindName;
  /** '1.2', '2004 4th Edition', or the H5P main library ("H5P.MultiChoice 1.16"). */
  version: string | null;
  title: string | null;
  /** The file the player opens, with the SCO's parameters (query string) if any; for H5P the
   * folder that holds h5p.json (empty: the package root). */
  launchPath: string;
  /** 0–100, null when the package sets none. */
  masteryScore: number | null;
  organizations: { identifier: string; title: string; items: ScormItem[] }[];
  resources: { identifier: string; href: string | null; scormType: string | null }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Element lists stay lists even with one element.
  isArray: (name) => ['organization', 'item', 'resource', 'file', 'dependency', 'objective'].includes(name),
  processEntities: false,
});

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const asList = (v: unknown): Node[] => (Array.isArray(v) ? v.map(asNode) : v ? [asNode(v)] : []);
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  const n = asNode(v);
  return typeof n['#text'] === 'string' ? (n['#text'] as string).trim() || null : null;
};
const attr = (n: Node, name: string): string | null => {
  const v = n[`@${name}`];
  return typeof v === 'string' ? v.trim() || null : null;
};

/** Joins xml:base values and an href, resolving "./" and refusing anything that climbs out. */
function resolveHref(parts: (string | null)[]): string {
  const joined = parts.filter(Boolean).join('');
  const [file, query] = splitQuery(joined);
  const normal = path.posix.normalize(file).replace(/^\.\//, '');
  if (normal.startsWith('../') || normal.startsWith('/') || /^[a-z]+:/i.test(normal)) {
    throw new PackageRejectedError('manifest_invalid', `The launch file "${joined}" is outside the package`);
  }
  return query ? `${normal}?${query}` : normal;
}

function splitQuery(href: string): [string, string | null] {
  const q = href.indexOf('?');
  return q < 0 ? [href, null] : [href.slice(0, q), href.slice(q + 1)];
}

function flattenItems(items: Node[], out: Node[] = []): Node[] {
  for (const it of items) {
    out.push(it);
    flattenItems(asList(it.item), out);
  }
  return out;
}

function scormVersion(manifest: Node, raw: string): 'scorm12' | 'scorm2004' {
  const schemaVersion = text(asNode(manifest.metadata).schemaversion) ?? '';
  if (/^1\.2$/.test(schemaVersion)) return 'scorm12';
  if (/2004|CAM 1\.3/i.test(schemaVersion)) return 'scorm2004';
  // No schemaversion: the namespaces tell (adlcp_rootv1p2 is 1.2, adlcp_v1p3 is 2004).
  if (/adlcp_rootv1p2/.test(raw)) return 'scorm12';
  if (/adlcp_v1p3|imsss/.test(raw)) return 'scorm2004';
  throw new PackageRejectedError(
    'manifest_invalid',
    'imsmanifest.xml does not say which SCORM version it follows',
  );
}

/** Parses imsmanifest.xml's text against the list of files actually in the package. */
export function parseScormManifest(xml: string, files: ReadonlySet<string>): ParsedPackage {
  let doc: Node;
  try {
    doc = asNode(parser.parse(xml, true));
  } catch (err) {
    throw new PackageRejectedError(
      'manifest_invalid',
      `imsmanifest.xml is not well-formed XML (${(err as Error).message})`,
    );
  }
  const manifest = asNode(doc.manifest);
  if (!doc.manifest)
    throw new PackageRejectedError('manifest_invalid', 'imsmanifest.xml has no <manifest> element');
  const kind = scormVersion(manifest, xml);
  const orgsNode = asNode(manifest.organizations);
  const resourcesNode = asNode(manifest.resources);
  const resourceList = asList(resourcesNode.resource);
  const resources = resourceList.map((r) => ({
    identifier: attr(r, 'identifier') ?? '',
    href: attr(r, 'href'),
    // SCORM 1.2 writes adlcp:scormtype, 2004 adlcp:scormType.
    scormType: attr(r, 'scormType') ?? attr(r, 'scormtype'),
    base: attr(r, 'base'),
  }));
  const organizations = asList(orgsNode.organization).map((o) => ({
    identifier: attr(o, 'identifier') ?? '',
    title: text(o.title) ?? '',
    node: o,
    items: flattenItems(asList(o.item)).map((it) => {
      const ref = attr(it, 'identifierref');
      const res = ref ? resources.find((r) => r.identifier === ref) : undefined;
      return {
        identifier: attr(it, 'identifier') ?? '',
        title: text(it.title) ?? '',
        href: res?.href ?? null,
        node: it,
        res,
      };
    }),
  }));
  const defaultId = attr(orgsNode, 'default');
  const org = organizations.find((o) => o.identifier === defaultId) ?? organizations[0];
  // The first item of the default organization that points at a resource with an href is the SCO
  // the learner starts with; with no organization, the first SCO resource.
  const first = org?.items.find((i) => i.res?.href);
  const res = first?.res ?? resources.find((r) => r.href && (r.scormType ?? 'sco').toLowerCase() === 'sco');
  if (!res?.href)
    throw new PackageRejectedError('launch_missing', 'imsmanifest.xml names no resource to launch (no href)');
  const parameters = first ? attr(first.node, 'parameters') : null;
  let launch = resolveHref([attr(resourcesNode, 'base'), res.base, res.href]);
  if (parameters) launch += (launch.includes('?') ? '&' : '?') + parameters.replace(/^[?&]/, '');
  const [launchFile] = splitQuery(launch);
  if (!files.has(launchFile)) {
    throw new PackageRejectedError(
      'launch_missing',
      `The launch file "${launchFile}" named by imsmanifest.xml is not in the package`,
    );
  }

  let mastery: number | null = null;
  if (first) {
    if (kind === 'scorm12') {
      const m = Number(text(first.node.masteryscore));
      if (text(first.node.masteryscore) !== null && Number.isFinite(m)) mastery = m;
    } else {
      const primary = asNode(asNode(asNode(first.node.sequencing).objectives).primaryObjective);
      const measure = text(primary.minNormalizedMeasure);
      if (
        attr(primary, 'satisfiedByMeasure') === 'true' &&
        measure !== null &&
        Number.isFinite(Number(measure))
      ) {
        mastery = Number(measure) * 100;
      }
    }
  }
  if (mastery !== null && (mastery < 0 || mastery > 100)) {
    throw new PackageRejectedError('manifest_invalid', `Mastery score ${mastery} is outside 0–100`);
  }
  const schemaVersion = text(asNode(manifest.metadata).schemaversion);
  return {
    kind,
    version: schemaVersion ?? (kind === 'scorm12' ? '1.2' : '2004'),
    title: org?.title || first?.title || null,
    launchPath: launch,
    masteryScore: mastery,
    organizations: organizations.map((o) => ({
      identifier: o.identifier,
      title: o.title,
      items: o.items.map((i) => ({ identifier: i.identifier, title: i.title, href: i.href })),
    })),
    resources: resources.map((r) => ({ identifier: r.identifier, href: r.href, scormType: r.scormType })),
  };
}

interface H5pJson {
  title?: unknown;
  mainLibrary?: unknown;
  preloadedDependencies?: unknown;
}

/** Parses h5p.json; the main library's own folder must be in the package (the player loads it). */
export function parseH5pJson(json: string, files: ReadonlySet<string>): ParsedPackage {
  let data: H5pJson;
  try {
    data = JSON.parse(json) as H5pJson;
  } catch {
    throw new PackageRejectedError('manifest_invalid', 'h5p.json is not valid JSON');
  }
  const main = typeof data.mainLibrary === 'string' ? data.mainLibrary : null;
  if (!main) throw new PackageRejectedError('manifest_invalid', 'h5p.json names no mainLibrary');
  if (!files.has('content/content.json')) {
    throw new PackageRejectedError('manifest_missing', 'The H5P package has no content/content.json');
  }
  const deps = Array.isArray(data.preloadedDependencies)
    ? (data.preloadedDependencies as Record<string, unknown>[])
    : [];
  const dep = deps.find((d) => d.machineName === main);
  if (!dep)
    throw new PackageRejectedError(
      'manifest_invalid',
      `h5p.json does not list its main library ${main} among preloadedDependencies`,
    );
  const folder = `${main}-${Number(dep.majorVersion)}.${Number(dep.minorVersion)}`;
  if (!files.has(`${folder}/library.json`)) {
    throw new PackageRejectedError(
      'h5p_library_missing',
      `The H5P package does not include its main library (${folder}/library.json); export it with its libraries`,
    );
  }
  return {
    kind: 'h5p',
    version: `${main} ${Number(dep.majorVersion)}.${Number(dep.minorVersion)}`,
    title: typeof data.title === 'string' ? data.title.slice(0, 255) : null,
    launchPath: '',
    masteryScore: null,
    organizations: [],
    resources: [],
  };
}

/** Reads the manifest of an extracted package (imsmanifest.xml or h5p.json at its root). */
export async function parsePackage(dir: string, files: ExtractedFile[]): Promise<ParsedPackage> {
  const names = new Set(files.map((f) => f.path));
  if (names.has('imsmanifest.xml')) {
    return parseScormManifest(await readFile(path.join(dir, 'imsmanifest.xml'), 'utf8'), names);
  }
  if (names.has('h5p.json')) return parseH5pJson(await readFile(path.join(dir, 'h5p.json'), 'utf8'), names);
  throw new PackageRejectedError(
    'manifest_missing',
    'Neither imsmanifest.xml (SCORM) nor h5p.json (H5P) at the root of the package',
  );
}
