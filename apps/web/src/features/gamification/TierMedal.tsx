// A badge's medal: its icon (emoji or image) on a disc in the tier's colour.
const isImage = (icon: string) => /^(https?:\/\/|\/api\/media\/)/.test(icon);

export function TierMedal({ tier, icon, large = false, locked = false }: { tier: string; icon: string | null; large?: boolean; locked?: boolean }) {
  return (
    <span className={`medal tier-${tier}${large ? ' large' : ''}${locked ? ' locked' : ''}`} aria-hidden="true">
      {icon && isImage(icon) ? <img src={icon} alt="" loading="lazy" width={48} height={48} /> : <span>{icon ?? '★'}</span>}
    </span>
  );
}
