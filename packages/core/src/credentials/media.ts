// What the public credential routes serve besides JSON: achievement images, achievement
// descriptions and the baked badge PNG of a credential.
import { Badge, Course, Credential } from '@mdsc/db';
import type { CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { achievementJson, OB_CONTEXT, VC_CONTEXT_V2 } from './build';
import { achievementData, getPublicCredential } from './credential.service';
import { achievementPng } from './images';
import { bakePng } from './png';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'logger'>;

/** `certificate-12` / `badge-3` → kind and id (anything else: null). */
export function parseAchievementRef(ref: string): { kind: 'certificate' | 'badge'; id: number } | null {
  const m = /^(certificate|badge)-([1-9][0-9]{0,9})$/.exec(ref);
  return m ? { kind: m[1] as 'certificate' | 'badge', id: Number(m[2]) } : null;
}

async function variantOf(kind: 'certificate' | 'badge', id: number): Promise<string> {
  if (kind === 'certificate') {
    if (!(await Course.findByPk(id, { attributes: ['id'], paranoid: false })))
      throw new NotFoundError('Course');
    return 'certificate';
  }
  const badge = await Badge.findByPk(id, { attributes: ['id', 'tier'] });
  if (!badge) throw new NotFoundError('Badge');
  return badge.tier;
}

export async function achievementImage(kind: 'certificate' | 'badge', id: number): Promise<Buffer> {
  return achievementPng(await variantOf(kind, id));
}

/** The Achievement a credential's `achievement.id` points at, as JSON-LD. */
export async function achievementDocument(deps: Deps, kind: 'certificate' | 'badge', id: number) {
  const a = await achievementData(deps, kind, id);
  return { '@context': [VC_CONTEXT_V2, OB_CONTEXT], ...achievementJson(a) };
}

/** The achievement image with the signed credential baked in (public, like the share page). */
export async function bakedCredentialPng(
  deps: Deps,
  uuid: string,
): Promise<{ png: Buffer; filename: string }> {
  const cred = await Credential.findOne({ where: { uuid }, attributes: ['id', 'uuid'] });
  if (!cred) throw new NotFoundError('Credential');
  const pub = await getPublicCredential(deps, null, uuid);
  const image = await achievementPng(
    pub.kind === 'certificate'
      ? 'certificate'
      : await variantOf('badge', Number(pub.imageUrl.match(/badge-(\d+)\.png$/)?.[1])),
  );
  return {
    png: bakePng(image, pub.jwt),
    filename: `${pub.kind === 'certificate' ? 'certificat' : 'badge'}-${uuid.slice(0, 8)}.png`,
  };
}
