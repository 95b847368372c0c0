// SCORM and H5P packages as lessons (issue 16).
export * from './safe-zip';
export {
  parsePackage,
  parseScormManifest,
  parseH5pJson,
  type ParsedPackage,
  type ScormItem,
} from './manifest';
export { packageFileKey, packageContentType } from './storage-keys';
export * from './package.service';
export * from './runtime.service';
export { buildZip, h5pPackage, scorm12Package, scorm2004Package, type ZipEntrySpec } from './fixtures';
