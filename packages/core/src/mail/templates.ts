// E-mail templates, French and English, each rendered as HTML and plain text from the same words.
import type { MailTemplate } from '@mdsc/jobs';
import type { Locale } from '@mdsc/validators';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One template in one language: a subject, paragraphs, an optional button (`data.url`). */
interface Copy {
  subject: string;
  paragraphs: string[];
  button?: string;
  /** After the button: e.g. how long the link lasts. */
  footnote?: string;
}

type CopyFn = (d: Record<string, string>) => Copy;

const hello = {
  fr: (d: Record<string, string>) => (d.name ? `Bonjour ${d.name},` : 'Bonjour,'),
  en: (d: Record<string, string>) => (d.name ? `Hello ${d.name},` : 'Hello,'),
};

const TEMPLATES: Record<MailTemplate, Record<Locale, CopyFn>> = {
  'verify-email': {
    fr: (d) => ({
      subject: 'Confirmez votre adresse e-mail — MdSC MOOC',
      paragraphs: [hello.fr(d), 'Merci de votre inscription sur MdSC MOOC. Confirmez votre adresse e-mail pour pouvoir vous inscrire aux cours.'],
      button: 'Confirmer mon adresse',
      footnote: "Ce lien est valable 24 heures. Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.",
    }),
    en: (d) => ({
      subject: 'Confirm your e-mail address — MdSC MOOC',
      paragraphs: [hello.en(d), 'Thank you for signing up to MdSC MOOC. Confirm your e-mail address to be able to enrol in courses.'],
      button: 'Confirm my address',
      footnote: 'This link is valid for 24 hours. If you did not sign up, ignore this message.',
    }),
  },
  'password-reset': {
    fr: (d) => ({
      subject: 'Réinitialisation de votre mot de passe — MdSC MOOC',
      paragraphs: [hello.fr(d), 'Vous avez demandé à réinitialiser votre mot de passe. Choisissez-en un nouveau avec le lien ci-dessous.'],
      button: 'Choisir un nouveau mot de passe',
      footnote: "Ce lien est valable 1 heure et ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
    }),
    en: (d) => ({
      subject: 'Reset your password — MdSC MOOC',
      paragraphs: [hello.en(d), 'You asked to reset your password. Choose a new one with the link below.'],
      button: 'Choose a new password',
      footnote: 'This link is valid for 1 hour and works once. If you did not ask for it, ignore this message: your password stays the same.',
    }),
  },
  welcome: {
    fr: (d) => ({
      subject: 'Bienvenue sur MdSC MOOC',
      paragraphs: [hello.fr(d), 'Votre adresse est confirmée. Parcourez le catalogue, inscrivez-vous à un cours et gagnez vos premiers points d’expérience.'],
      button: 'Voir les cours',
    }),
    en: (d) => ({
      subject: 'Welcome to MdSC MOOC',
      paragraphs: [hello.en(d), 'Your address is confirmed. Browse the catalog, enrol in a course and earn your first experience points.'],
      button: 'See the courses',
    }),
  },
  'password-changed': {
    fr: (d) => ({
      subject: 'Votre mot de passe a été modifié — MdSC MOOC',
      paragraphs: [
        hello.fr(d),
        'Le mot de passe de votre compte vient d’être modifié. Vos autres sessions ont été fermées.',
        "Si vous n'êtes pas à l'origine de ce changement, réinitialisez votre mot de passe immédiatement et prévenez un administrateur.",
      ],
      button: 'Réinitialiser mon mot de passe',
    }),
    en: (d) => ({
      subject: 'Your password was changed — MdSC MOOC',
      paragraphs: [
        hello.en(d),
        'The password of your account was just changed. Your other sessions were closed.',
        'If you did not make this change, reset your password at once and tell an administrator.',
      ],
      button: 'Reset my password',
    }),
  },
  // With `url`: sent to the new address, to confirm it. Without: a notice to the old address.
  'email-change': {
    fr: (d) =>
      d.url
        ? {
            subject: 'Confirmez votre nouvelle adresse e-mail — MdSC MOOC',
            paragraphs: [hello.fr(d), `Vous avez demandé à utiliser l'adresse ${d.newEmail ?? ''} pour votre compte MdSC MOOC.`],
            button: 'Confirmer la nouvelle adresse',
            footnote: "Ce lien est valable 24 heures. Tant qu'il n'est pas utilisé, votre ancienne adresse reste active.",
          }
        : {
            subject: 'Changement d’adresse e-mail demandé — MdSC MOOC',
            paragraphs: [
              hello.fr(d),
              `Un changement d'adresse vers ${d.newEmail ?? ''} a été demandé pour votre compte. Il prendra effet quand la nouvelle adresse sera confirmée.`,
              "Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et prévenez un administrateur.",
            ],
          },
    en: (d) =>
      d.url
        ? {
            subject: 'Confirm your new e-mail address — MdSC MOOC',
            paragraphs: [hello.en(d), `You asked to use ${d.newEmail ?? ''} for your MdSC MOOC account.`],
            button: 'Confirm the new address',
            footnote: 'This link is valid for 24 hours. Until it is used, your old address stays active.',
          }
        : {
            subject: 'E-mail change requested — MdSC MOOC',
            paragraphs: [
              hello.en(d),
              `A change of address to ${d.newEmail ?? ''} was requested for your account. It takes effect once the new address is confirmed.`,
              'If you did not ask for it, change your password and tell an administrator.',
            ],
          },
  },
  'certificate-ready': {
    fr: (d) => ({
      subject: `Votre certificat est prêt — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [hello.fr(d), `Félicitations ! Votre certificat pour le cours « ${d.courseTitle ?? ''} » est disponible.`],
      button: 'Voir mon certificat',
    }),
    en: (d) => ({
      subject: `Your certificate is ready — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [hello.en(d), `Congratulations! Your certificate for the course “${d.courseTitle ?? ''}” is available.`],
      button: 'See my certificate',
    }),
  },
  'new-message': {
    fr: (d) => ({
      subject: `Nouveau message de ${d.senderName ?? 'MdSC MOOC'}`,
      paragraphs: [hello.fr(d), `${d.senderName ?? 'Quelqu’un'} vous a écrit sur MdSC MOOC.`],
      button: 'Lire le message',
    }),
    en: (d) => ({
      subject: `New message from ${d.senderName ?? 'MdSC MOOC'}`,
      paragraphs: [hello.en(d), `${d.senderName ?? 'Someone'} wrote to you on MdSC MOOC.`],
      button: 'Read the message',
    }),
  },
  // A discussion notification (reply, mention, accepted answer, announcement, followed thread):
  // `summary` is already the sentence in the user's language (built by notify.ts).
  'discussion-activity': {
    fr: (d) => ({
      subject: `${d.threadTitle ?? 'Discussion'} — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [hello.fr(d), d.summaryFr ?? 'Du nouveau dans une discussion de votre cours.'],
      button: 'Voir la discussion',
      footnote: 'Vous pouvez désactiver ces e-mails dans vos préférences de notification.',
    }),
    en: (d) => ({
      subject: `${d.threadTitle ?? 'Discussion'} — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [hello.en(d), d.summaryEn ?? 'Something new in a discussion of your course.'],
      button: 'Open the discussion',
      footnote: 'You can turn these e-mails off in your notification preferences.',
    }),
  },
  // A paid order (issue 13): the receipt's details; the button downloads the PDF receipt.
  'payment-receipt': {
    fr: (d) => ({
      subject: `Reçu ${d.receiptNumber ?? ''} — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [
        hello.fr(d),
        `Nous avons bien reçu votre paiement de ${d.amount ?? ''} pour le cours « ${d.courseTitle ?? ''} ». Vous y êtes inscrit(e).`,
        `Reçu n° ${d.receiptNumber ?? ''} — commande ${d.orderReference ?? ''} — ${d.method ?? ''}${d.providerReference ? ` (réf. ${d.providerReference})` : ''}.`,
      ],
      button: 'Télécharger le reçu (PDF)',
      footnote: 'Le reçu reste disponible dans « Mes achats ».',
    }),
    en: (d) => ({
      subject: `Receipt ${d.receiptNumber ?? ''} — ${d.courseTitle ?? 'MdSC MOOC'}`,
      paragraphs: [
        hello.en(d),
        `We received your payment of ${d.amount ?? ''} for the course “${d.courseTitle ?? ''}”. You are enrolled.`,
        `Receipt no. ${d.receiptNumber ?? ''} — order ${d.orderReference ?? ''} — ${d.method ?? ''}${d.providerReference ? ` (ref. ${d.providerReference})` : ''}.`,
      ],
      button: 'Download the receipt (PDF)',
      footnote: 'The receipt stays available in “My purchases”.',
    }),
  },
  // auth.register with an address that already has an account: the caller is told "check your
  // mailbox" either way (no enumeration); the owner learns what happened and how to get in.
  'account-exists': {
    fr: (d) => ({
      subject: 'Vous avez déjà un compte MdSC MOOC',
      paragraphs: [
        hello.fr(d),
        "Quelqu'un a essayé de créer un compte MdSC MOOC avec votre adresse e-mail. Vous avez déjà un compte : aucun nouveau compte n'a été créé.",
        `Si c'était vous, connectez-vous avec votre mot de passe. Vous l'avez oublié ? Choisissez-en un nouveau : ${d.resetUrl ?? ''}`,
      ],
      button: 'Se connecter',
      footnote: "Si ce n'était pas vous, ignorez ce message : votre compte n'a pas été modifié.",
    }),
    en: (d) => ({
      subject: 'You already have an MdSC MOOC account',
      paragraphs: [
        hello.en(d),
        'Someone tried to create an MdSC MOOC account with your e-mail address. You already have an account: no new account was created.',
        `If it was you, log in with your password. Forgot it? Choose a new one: ${d.resetUrl ?? ''}`,
      ],
      button: 'Log in',
      footnote: 'If it was not you, ignore this message: your account was not changed.',
    }),
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only http(s) links go into a button. */
const safeUrl = (u: string | undefined) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function renderMail(template: MailTemplate, locale: Locale, data: Record<string, string>): RenderedMail {
  const fn = TEMPLATES[template]?.[locale] ?? TEMPLATES[template]?.fr;
  if (!fn) throw new Error(`No mail template ${template}`);
  const copy = fn(data);
  const url = safeUrl(data.url);
  const signature = locale === 'en' ? 'The MdSC MOOC team' : "L'équipe MdSC MOOC";

  const text = [
    ...copy.paragraphs,
    ...(url && copy.button ? [`${copy.button}${locale === 'en' ? ':' : ' :'}\n${url}`] : []),
    ...(copy.footnote ? [copy.footnote] : []),
    `— ${signature}`,
  ].join('\n\n');

  const button =
    url && copy.button
      ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="background:#0f5e9c;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${escapeHtml(copy.button)}</a></p>
<p style="font-size:13px;color:#57606a">${escapeHtml(locale === 'en' ? 'Or copy this link:' : 'Ou copiez ce lien :')}<br><a href="${escapeHtml(url)}" style="color:#0f5e9c;word-break:break-all">${escapeHtml(url)}</a></p>`
      : '';
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(copy.subject)}</title></head>
<body style="margin:0;padding:0;background:#f7f8fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<p style="font-weight:700;font-size:18px;color:#0f5e9c">MdSC MOOC</p>
<div style="background:#ffffff;border:1px solid #d0d7de;border-radius:10px;padding:20px">
${copy.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${button}
${copy.footnote ? `<p style="font-size:13px;color:#57606a">${escapeHtml(copy.footnote)}</p>` : ''}
</div>
<p style="font-size:13px;color:#57606a">— ${escapeHtml(signature)}</p>
</div></body></html>`;
  return { subject: copy.subject, text, html };
}
